// A host on "the private network" for tests: a network namespace this test run makes, joined to
// the host by a veth pair, that answers HTTP at a private address and at the cloud metadata
// address. Traffic to it never leaves this machine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateHost {
  privateIp: string;
  metadataIp: string;
  stop(): void;
}

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

export function startPrivateHost(name = 'paas-t-priv', subnet = '10.231.7'): PrivateHost {
  const hostSide = `${name.slice(0, 10)}-h`;
  const nsSide = `${name.slice(0, 10)}-n`;
  spawnSync('ip', ['netns', 'del', name]);
  spawnSync('ip', ['link', 'del', hostSide]);
  ip('netns', 'add', name);
  ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
  ip('link', 'set', nsSide, 'netns', name);
  ip('addr', 'add', `${subnet}.1/30`, 'dev', hostSide);
  ip('link', 'set', hostSide, 'up');
  ip('-n', name, 'addr', 'add', `${subnet}.2/30`, 'dev', nsSide);
  ip('-n', name, 'addr', 'add', '169.254.169.254/32', 'dev', 'lo');
  ip('-n', name, 'link', 'set', nsSide, 'up');
  ip('-n', name, 'link', 'set', 'lo', 'up');
  ip('-n', name, 'route', 'add', 'default', 'via', `${subnet}.1`);
  ip('route', 'replace', '169.254.169.254/32', 'via', `${subnet}.2`);
  const www = mkdtempSync(join(tmpdir(), 'paas-private-www-'));
  writeFileSync(join(www, 'index.html'), 'private data\n');
  const server: ChildProcess = spawn('ip', ['netns', 'exec', name, '/bin/busybox', 'httpd', '-f', '-p', '80', '-h', www], { stdio: 'ignore' });
  return {
    privateIp: `${subnet}.2`,
    metadataIp: '169.254.169.254',
    stop() {
      server.kill('SIGKILL');
      spawnSync('ip', ['route', 'del', '169.254.169.254/32']);
      spawnSync('ip', ['link', 'del', hostSide]);
      spawnSync('ip', ['netns', 'del', name]);
      rmSync(www, { recursive: true, force: true });
    },
  };
}
