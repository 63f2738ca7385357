// Mailpit, the e2e tests' mail server (the binary scripts/ensure-system.mjs builds into the cache):
// the platform sends EMAIL notifications to its SMTP port, the tests read them through its HTTP API.
// Loopback only, a database in the test data dir.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tcpOpen } from '@paas/supervisor';

/** The version scripts/ensure/mailpit.mjs builds; the two must name the same. */
export const MAILPIT_VERSION = 'v1.27.11';

const STOP_GRACE_MS = 5_000;

export function mailpitBinary(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env.PAAS_CACHE_DIR || join(env.HOME || '/root', '.cache/paas'), 'mailpit', MAILPIT_VERSION), 'mailpit');
}

export interface RunningMailpit {
  /** The HTTP API, e.g. http://127.0.0.1:13026 */
  url: string;
  /** What PAAS_SMTP_URL names: smtp://127.0.0.1:<port> */
  smtpUrl: string;
  stop(): Promise<void>;
}

export async function startMailpit(options: { smtpPort: number; httpPort: number; workDir: string }): Promise<RunningMailpit> {
  const binary = mailpitBinary();
  if (!existsSync(binary)) throw new Error(`Mailpit ${MAILPIT_VERSION} is not built (${binary} is missing): run \`node scripts/ensure-system.mjs\``);
  for (const p of [options.smtpPort, options.httpPort])
    if (await tcpOpen('127.0.0.1', p, 500)) throw new Error(`cannot start Mailpit on 127.0.0.1:${p}: something already listens there`);
  mkdirSync(options.workDir, { recursive: true });
  const args = [
    '--smtp',
    `127.0.0.1:${options.smtpPort}`,
    '--listen',
    `127.0.0.1:${options.httpPort}`,
    '--database',
    join(options.workDir, 'mailpit.db'),
    '--disable-version-check',
    '--quiet',
  ];
  const tail: string[] = [];
  const child = spawn(binary, args, { cwd: options.workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const record = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 50) tail.splice(0, tail.length - 50);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let gone = false;
  const exited = new Promise<void>((r) => {
    child.once('exit', () => ((gone = true), r()));
    child.once('error', (err) => ((gone = true), tail.push(`failed to start ${binary}: ${err.message}`), r()));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${options.httpPort}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Mailpit exited with code ${child.exitCode ?? child.signalCode} before it was ready:\n${tail.join('\n')}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    // both ports: the HTTP API answering, and the SMTP port open (the child's own: it checked both were free)
    if (ready && (await tcpOpen('127.0.0.1', options.smtpPort, 500))) return { url, smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`Mailpit was not ready on ${url} within 30 s:\n${tail.join('\n')}`);
}

export interface MailpitMessage {
  ID: string;
  Subject: string;
  To: { Address: string }[];
  From: { Address: string };
}

/** Messages to this address, newest first (Mailpit's search API). */
export async function messagesTo(mailpitUrl: string, address: string): Promise<MailpitMessage[]> {
  const res = await fetch(`${mailpitUrl}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
  if (!res.ok) throw new Error(`Mailpit search answered HTTP ${res.status}`);
  return ((await res.json()) as { messages: MailpitMessage[] }).messages;
}

/** A message's plain-text body and headers. */
export async function messageText(mailpitUrl: string, id: string): Promise<{ text: string; subject: string; from: string }> {
  const res = await fetch(`${mailpitUrl}/api/v1/message/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(`Mailpit message answered HTTP ${res.status}`);
  const m = (await res.json()) as { Text: string; Subject: string; From: { Address: string } };
  return { text: m.Text, subject: m.Subject, from: m.From.Address };
}
