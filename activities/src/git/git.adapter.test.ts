// The git adapter against real git and real directories: file:// only under the roots (checked
// here again, symlinks resolved), ssh:// only with the app's key and never the host's keys, agent
// or config.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GitAdapter, GitError } from './git.adapter.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'paas-git-adapter-')));
const root = join(base, 'root');
const outside = join(base, 'outside');
mkdirSync(root);
mkdirSync(outside);

function repo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '--quiet', '-b', 'main');
  writeFileSync(join(dir, 'README'), `repo at ${dir}\n`);
  git('add', '-A');
  git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '--quiet', '-m', 'one');
  return git('rev-parse', 'HEAD').stdout.trim();
}

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('file:// repositories', () => {
  const adapter = new GitAdapter(60_000, { fileRoots: [root] });
  repo(join(root, 'inside'));
  repo(join(outside, 'secret'));
  symlinkSync(join(outside, 'secret'), join(root, 'link'));

  it('clones a repository under the roots', async () => {
    const dir = join(base, 'ws-inside');
    const sha = await adapter.checkoutBranch({ url: `file://${root}/inside` }, 'main', dir);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(readFileSync(join(dir, 'README'), 'utf8')).toContain('inside');
  });

  it.each([
    ['outside the roots', () => `file://${outside}/secret`],
    ['through a symlink out of the roots', () => `file://${root}/link`],
  ])('refuses a repository %s and clones nothing', async (_, url) => {
    const dir = join(base, `ws-${Math.random()}`);
    const err = await adapter.checkoutBranch({ url: url() }, 'main', dir).catch((e) => e);
    expect(err).toBeInstanceOf(GitError);
    expect(err.definitive).toBe(true);
    expect(err.message).toMatch(/PAAS_GIT_FILE_ROOTS/);
    expect(existsSync(dir)).toBe(false);
    const sha = repo(join(outside, `by-sha-${Math.random()}`));
    await expect(adapter.checkout({ url: url() }, sha, join(base, 'ws-sha'))).rejects.toThrow(/PAAS_GIT_FILE_ROOTS/);
  });

  it('re-checks the URL itself: credentials and non-canonical paths are refused', async () => {
    await expect(adapter.checkoutBranch({ url: `file://${root}/inside/../../outside/secret` }, 'main', join(base, 'ws-x'))).rejects.toThrow(GitError);
    await expect(adapter.checkoutBranch({ url: 'https://tok@example.invalid/r.git' }, 'main', join(base, 'ws-y'))).rejects.toThrow(/gitToken/);
  });
});

describe('ssh:// repositories', () => {
  const record = join(base, 'ssh-record');
  const fakeSsh = join(base, 'fake-ssh');
  // stands in for ssh: records how git ran it, then fails like an unreachable host
  writeFileSync(
    fakeSsh,
    `#!/bin/sh
printf '%s\\n' "$@" > '${record}.args'
printf 'HOME=%s\\nSSH_AUTH_SOCK=%s\\n' "$HOME" "\${SSH_AUTH_SOCK-unset}" > '${record}.env'
ls -A "$HOME" > '${record}.home'
while [ $# -gt 0 ]; do if [ "$1" = -i ]; then cat "$2" > '${record}.key'; ls -l "$2" > '${record}.mode'; echo "$2" > '${record}.keypath'; fi; shift; done
echo 'ssh: connect to host example.invalid port 22: Connection refused' >&2
exit 255
`,
  );
  chmodSync(fakeSsh, 0o755);
  const adapter = new GitAdapter(60_000, { fileRoots: [root], sshProgram: fakeSsh });
  const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';

  it('refuses an ssh:// URL without the app key and never runs ssh', async () => {
    const err = await adapter.checkoutBranch({ url: 'ssh://git@example.invalid/r.git', token: null }, 'main', join(base, 'ws-ssh0')).catch((e) => e);
    expect(err).toBeInstanceOf(GitError);
    expect(err.definitive).toBe(true);
    expect(err.message).toMatch(/gitSshKey/);
    expect(existsSync(`${record}.args`)).toBe(false);
  });

  it("uses only the app's key: no agent, no ssh config, an empty HOME, and the key is gone afterwards", async () => {
    const before = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = '/tmp/host-agent.sock'; // what the host's session would have
    try {
      await expect(adapter.checkoutBranch({ url: 'ssh://git@example.invalid/r.git', token: KEY }, 'main', join(base, 'ws-ssh1'))).rejects.toThrow(GitError);
    } finally {
      if (before === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = before;
    }
    const args = readFileSync(`${record}.args`, 'utf8').split('\n');
    const keyPath = readFileSync(`${record}.keypath`, 'utf8').trim();
    expect(args.slice(0, 2)).toEqual(['-i', keyPath]);
    for (const opt of ['IdentitiesOnly=yes', 'IdentityAgent=none', 'BatchMode=yes']) expect(args).toContain(opt);
    expect(args[args.indexOf('-F') + 1]).toBe('/dev/null');
    expect(readFileSync(`${record}.key`, 'utf8')).toBe(KEY);
    expect(readFileSync(`${record}.mode`, 'utf8')).toMatch(/^-rw-------/);
    const env = readFileSync(`${record}.env`, 'utf8');
    expect(env).toContain('SSH_AUTH_SOCK=unset');
    expect(env).not.toContain(`HOME=${process.env.HOME}\n`);
    expect(readFileSync(`${record}.home`, 'utf8')).toBe(''); // nothing of the host's ~/.ssh
    expect(existsSync(keyPath)).toBe(false);
  });
});
