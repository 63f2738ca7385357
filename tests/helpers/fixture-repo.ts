// Git repositories made by the tests, served as file:// URLs.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TEST_BASE_IMAGE } from './base-image.js';

export class FixtureRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'paas-repo-'));

  constructor(readonly branch = 'main') {
    this.git('init', '--quiet', '-b', branch);
    this.git('config', 'user.email', 'test@example.invalid');
    this.git('config', 'user.name', 'test');
  }

  get url(): string {
    return `file://${this.dir}`;
  }

  /** Replaces the working tree's files with `files` (path → content) and commits; returns the sha. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        rmSync(full, { force: true });
        continue;
      }
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      if (path.includes('cgi-bin/') || path.endsWith('.sh')) chmodSync(full, 0o755);
    }
    this.git('add', '-A');
    this.git('commit', '--quiet', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: this.dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A busybox httpd app: serves www/, writes $GREETING to /www/env.txt at start, listens on $PORT. */
export function busyboxApp(opts: { body?: string; health?: 'ok' | 'fail'; extraDockerfile?: string; cmd?: string } = {}): Record<string, string | null> {
  const cmd = opts.cmd ?? 'echo "$GREETING" > /www/env.txt; exec httpd -f -p "$PORT" -h /www';
  return {
    Dockerfile: `FROM ${TEST_BASE_IMAGE}\nCOPY www /www\n${opts.extraDockerfile ?? ''}\nCMD ["/bin/sh", "-c", ${JSON.stringify(cmd)}]\n`,
    'www/index.html': opts.body ?? 'hello from v1\n',
    'www/cgi-bin/health':
      opts.health === 'fail'
        ? '#!/bin/sh\nprintf "Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbroken\\n"\n'
        : '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\nok\\n"\n',
  };
}
