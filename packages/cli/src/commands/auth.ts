// login / logout: the credentials stored in the user's config dir (config.ts).
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Api, normaliseUrl } from '../api.js';
import { configPath, DEFAULT_URL, readConfig, removeConfig, writeConfig, type StoredConfig } from '../config.js';
import { contextOf } from '../context.js';
import { CliError, EXIT_USAGE } from '../errors.js';

interface LoginOptions {
  url?: string;
  token?: string;
  tokenStdin?: boolean;
  email?: string;
  passwordStdin?: boolean;
}

export function register(program: Command): void {
  program
    .command('login')
    .description('store the platform address and your credentials (a token, or a password for an email) in your config dir, mode 600')
    .option('--url <url>', 'the platform (default: PAAS_URL or http://127.0.0.1:4000)')
    .option('--token <token>', 'an API token or the admin token')
    .option('--token-stdin', 'read the token from stdin (keeps it out of the process list)')
    .option('--email <email>', 'sign in as this user with a password (asked for, or --password-stdin)')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (opts: LoginOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      const url = normaliseUrl(opts.url ?? process.env.PAAS_URL ?? DEFAULT_URL);
      const path = configPath();
      let config: StoredConfig;
      let who: string;
      if (opts.token !== undefined || opts.tokenStdin) {
        if (opts.email) throw new CliError('give either a token or an email, not both', EXIT_USAGE);
        const token = opts.tokenStdin ? await readStdin() : opts.token!;
        if (!token) throw new CliError('the token is empty', EXIT_USAGE);
        // the token must work before it is stored: a typo would otherwise fail every later command
        const api = new Api({ url, bearer: () => Promise.resolve(token) });
        const d = await api.request<{ teams: { name: string }[] }>('query { teams { name } }');
        config = { url, token };
        who = `a token of ${d.teams.map((t) => t.name).join(', ') || 'no team'}`;
      } else if (opts.email) {
        const password = opts.passwordStdin ? await readStdin() : await askHidden(`Password for ${opts.email}: `);
        const api = new Api({ url, bearer: () => Promise.resolve(null) });
        const d = await api.request<{ signIn: { accessToken: string; refreshToken: string; expiresAt: string; user: { email: string } } }>(
          'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken refreshToken expiresAt user { email } } }',
          { e: opts.email, p: password },
          { anonymous: true },
        );
        const s = d.signIn;
        config = { url, session: { accessToken: s.accessToken, refreshToken: s.refreshToken, expiresAt: s.expiresAt, email: s.user.email } };
        who = s.user.email;
      } else {
        throw new CliError('give --token <token>, --token-stdin, or --email <email>', EXIT_USAGE);
      }
      writeConfig(config, path);
      ctx.out.line(`Logged in to ${url} as ${who}.`);
      ctx.out.line(`Credentials stored in ${path} (mode 600).`);
      ctx.out.result({ url, configPath: path, as: who });
    });

  program
    .command('logout')
    .description('sign out (a session is ended on the server) and delete the stored credentials')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const path = configPath();
      let config: StoredConfig | null = null;
      try {
        config = readConfig(path);
      } catch {
        // an unreadable or unsafe config is removed all the same
      }
      if (config?.session) {
        const api = new Api({ url: config.url, bearer: () => Promise.resolve(null) });
        await api
          .request('mutation($r: String!) { signOut(refreshToken: $r) }', { r: config.session.refreshToken }, { anonymous: true })
          .catch(() => undefined); // the local copy goes whatever the server says
      }
      const removed = removeConfig(path);
      ctx.out.line(removed ? `Logged out; removed ${path}.` : 'Not logged in.');
      ctx.out.result({ loggedOut: removed });
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A prompt whose answer is not echoed. */
async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask for the password on; use --password-stdin', EXIT_USAGE);
  process.stderr.write(prompt);
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}
