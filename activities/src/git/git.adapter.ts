// git through spawn(argv). A token for private https repositories travels in the
// environment (GIT_CONFIG_*), never in argv or a URL, so it shows in no process list or log.
import { mkdir, rm, stat } from 'node:fs/promises';
import { runCommand } from '../shared/run-command.js';

export class GitError extends Error {
  constructor(message: string, readonly definitive: boolean) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitSource {
  url: string;
  token?: string | null;
}

export class GitAdapter {
  constructor(private readonly timeoutMs = 5 * 60_000) {}

  private env(source: GitSource): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_TERMINAL_PROMPT: '0',
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new',
      // only the schemes the platform accepts, even through redirects or submodules
      GIT_ALLOW_PROTOCOL: 'https:http:git:ssh:file',
    };
    if (source.token && /^https?:/.test(source.url)) {
      const basic = Buffer.from(`x-access-token:${source.token}`).toString('base64');
      Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
    }
    return env;
  }

  /** A shallow clone of a branch's head into `dir`; returns the commit. */
  async checkoutBranch(source: GitSource, branch: string, dir: string, signal?: AbortSignal): Promise<string> {
    await rm(dir, { recursive: true, force: true });
    const env = this.env(source);
    const clone = await runCommand('git', ['clone', '--quiet', '--depth', '1', '--single-branch', '--branch', branch, '--', source.url, dir], { env, timeoutMs: this.timeoutMs, signal });
    if (clone.code !== 0) {
      if (/Remote branch .* not found/i.test(clone.stderr)) throw new GitError(`Branch "${branch}" does not exist in ${redact(source.url)}.`, true);
      throw new GitError(`Cannot read repository ${redact(source.url)}: ${firstLine(clone.stderr) || `git exited with ${clone.code}`}`, isDefinitive(clone.stderr));
    }
    const head = await runCommand('git', ['rev-parse', 'HEAD'], { cwd: dir, env, signal });
    if (head.code !== 0) throw new GitError(`git rev-parse failed: ${firstLine(head.stderr)}`, false);
    return head.stdout.trim();
  }

  /** A shallow checkout of exactly `sha` in `dir` (reused when already there). */
  async checkout(source: GitSource, sha: string, dir: string, signal?: AbortSignal): Promise<void> {
    if (await this.headIs(dir, sha)) return;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const env = this.env(source);
    const git = async (args: string[]) => {
      const res = await runCommand('git', args, { cwd: dir, env, timeoutMs: this.timeoutMs, signal });
      if (res.code !== 0) throw new GitError(`git ${args[0]} failed for ${redact(source.url)}: ${firstLine(res.stderr)}`, isDefinitive(res.stderr));
      return res;
    };
    await git(['init', '--quiet']);
    await git(['remote', 'add', 'origin', '--', source.url]);
    try {
      await git(['fetch', '--quiet', '--depth', '1', 'origin', sha]);
    } catch {
      // servers that refuse to serve an arbitrary sha: fetch everything and pick it
      await git(['fetch', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
    }
    const co = await runCommand('git', ['checkout', '--quiet', '--detach', sha], { cwd: dir, env, signal });
    if (co.code !== 0) throw new GitError(`Commit ${sha} does not exist in ${redact(source.url)}.`, true);
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
  return /not found|does not appear to be a git repository|Repository not found|could not read Username|Authentication failed|not our ref|unsupported|No such file|does not exist/i.test(stderr);
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
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
