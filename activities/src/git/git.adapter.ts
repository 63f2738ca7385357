// git through spawn(argv). A token for private https repositories travels in the
// environment (GIT_CONFIG_*), never in argv or a URL, so it shows in no process list or log.
// git never sees the host's own credentials: HOME is an empty directory, no system or global
// config, no ssh agent, and ssh uses only the app's key. file:// repositories must lie under
// PAAS_GIT_FILE_ROOTS, checked here again because an activity never trusts its input.
import { ValidationError, validateGitSshKey, validateGitUrl } from '@paas/contracts';
import { gitFileRoots, resolveFileRepository } from '@paas/contracts/git-file-roots';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../shared/run-command.js';

export class GitError extends Error {
  constructor(
    message: string,
    readonly definitive: boolean,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitSource {
  url: string;
  /** The app's git credential: a token for http(s) URLs, the private key for ssh:// URLs. */
  token?: string | null;
}

export interface GitAdapterOptions {
  fileRoots?: string[];
  /** The ssh program git runs (a test records its arguments with a stand-in). */
  sshProgram?: string;
}

/** What one git operation runs with: the URL git may read, its environment, and a private scratch directory. */
interface GitSession {
  url: string;
  env: NodeJS.ProcessEnv;
  scratch: string;
}

export class GitAdapter {
  private readonly fileRoots: string[];
  private readonly sshProgram: string;

  constructor(
    private readonly timeoutMs = 5 * 60_000,
    options: GitAdapterOptions = {},
  ) {
    this.fileRoots = options.fileRoots ?? gitFileRoots();
    this.sshProgram = options.sshProgram ?? 'ssh';
  }

  /** Runs `fn` with a session whose scratch directory (empty HOME, key file) is removed afterwards. */
  private async withSession<T>(source: GitSource, fn: (session: GitSession) => Promise<T>): Promise<T> {
    let url: string;
    try {
      url = validateGitUrl(source.url);
    } catch (err) {
      if (err instanceof ValidationError) throw new GitError(err.message, true);
      throw err;
    }
    const scheme = new URL(url).protocol.slice(0, -1);
    const scratch = await mkdtemp(join(tmpdir(), 'paas-git-'));
    try {
      await mkdir(join(scratch, 'home'), { mode: 0o700 });
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: join(scratch, 'home'),
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        // only the scheme of the app's URL, even through redirects or submodules
        GIT_ALLOW_PROTOCOL: scheme,
      };
      if (scheme === 'file') url = `file://${await this.fileRepository(url)}`;
      if (scheme === 'ssh') env.GIT_SSH_COMMAND = await this.sshCommand(source.token, scratch);
      if (source.token && (scheme === 'https' || scheme === 'http')) {
        const basic = Buffer.from(`x-access-token:${source.token}`).toString('base64');
        Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
      }
      return await fn({ url, env, scratch });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async fileRepository(url: string): Promise<string> {
    try {
      return await resolveFileRepository(url, this.fileRoots);
    } catch (err) {
      if (err instanceof ValidationError) throw new GitError(err.message, true);
      throw err;
    }
  }

  /** ssh with the app's key only: no agent, no config, no host keys, nothing from the host's ~/.ssh. */
  private async sshCommand(key: string | null | undefined, scratch: string): Promise<string> {
    if (!key) throw new GitError("ssh:// repositories need the app's gitSshKey; the host's own ssh keys are never used.", true);
    let pem: string;
    try {
      pem = validateGitSshKey(key);
    } catch (err) {
      if (err instanceof ValidationError) throw new GitError(err.message, true);
      throw err;
    }
    const keyFile = join(scratch, 'key');
    await writeFile(keyFile, pem, { mode: 0o600 });
    // git runs this through sh: the paths are ours (mkdtemp), quoted all the same
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    return [
      q(this.sshProgram),
      '-i',
      q(keyFile),
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'IdentityAgent=none',
      '-F',
      '/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-o',
      `UserKnownHostsFile=${q(join(scratch, 'known_hosts'))}`,
    ].join(' ');
  }

  /** A shallow clone of a branch's head into `dir`; returns the commit. */
  async checkoutBranch(source: GitSource, branch: string, dir: string, signal?: AbortSignal): Promise<string> {
    await rm(dir, { recursive: true, force: true });
    return this.withSession(source, async ({ url, env }) => {
      const clone = await runCommand('git', ['clone', '--quiet', '--depth', '1', '--single-branch', '--branch', branch, '--', url, dir], {
        env,
        timeoutMs: this.timeoutMs,
        signal,
      });
      if (clone.code !== 0) {
        if (/Remote branch .* not found/i.test(clone.stderr)) throw new GitError(`Branch "${branch}" does not exist in ${redact(source.url)}.`, true);
        throw new GitError(
          `Cannot read repository ${redact(source.url)}: ${firstLine(clone.stderr) || `git exited with ${clone.code}`}`,
          isDefinitive(clone.stderr),
        );
      }
      const head = await runCommand('git', ['rev-parse', 'HEAD'], { cwd: dir, env, signal });
      if (head.code !== 0) throw new GitError(`git rev-parse failed: ${firstLine(head.stderr)}`, false);
      return head.stdout.trim();
    });
  }

  /** A shallow checkout of exactly `sha` in `dir` (reused when already there). */
  async checkout(source: GitSource, sha: string, dir: string, signal?: AbortSignal): Promise<void> {
    if (await this.headIs(dir, sha)) return;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await this.withSession(source, async ({ url, env }) => {
      const git = async (args: string[]) => {
        const res = await runCommand('git', args, { cwd: dir, env, timeoutMs: this.timeoutMs, signal });
        if (res.code !== 0) throw new GitError(`git ${args[0]} failed for ${redact(source.url)}: ${firstLine(res.stderr)}`, isDefinitive(res.stderr));
        return res;
      };
      await git(['init', '--quiet']);
      await git(['remote', 'add', 'origin', '--', url]);
      try {
        await git(['fetch', '--quiet', '--depth', '1', 'origin', sha]);
      } catch {
        // servers that refuse to serve an arbitrary sha: fetch everything and pick it
        await git(['fetch', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
      }
      const co = await runCommand('git', ['checkout', '--quiet', '--detach', sha], { cwd: dir, env, signal });
      if (co.code !== 0) throw new GitError(`Commit ${sha} does not exist in ${redact(source.url)}.`, true);
    });
  }

  private async headIs(dir: string, sha: string): Promise<boolean> {
    try {
      await stat(`${dir}/.git`);
    } catch {
      return false;
    }
    const res = await runCommand('git', ['rev-parse', 'HEAD'], { cwd: dir });
    return res.code === 0 && res.stdout.trim().startsWith(sha);
  }
}

function isDefinitive(stderr: string): boolean {
  return /not found|does not appear to be a git repository|Repository not found|could not read Username|Authentication failed|not our ref|unsupported|No such file|does not exist/i.test(
    stderr,
  );
}

function firstLine(s: string): string {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
}

/** Drops any user info from a URL before it is shown. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
