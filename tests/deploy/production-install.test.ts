// docker-compose.yml is the production install; it cannot run here (no image pulls), so this
// validates it with Debian's docker-compose and builds the project's own images from a locally
// made Node base image, then runs each image to prove it works.
import { haproxyConfig, siteServerConfig } from '@paas/supervisor';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker } from '../helpers/docker.js';
import { buildPlatformImages } from '../helpers/platform-images.js';

const root = resolve(import.meta.dirname, '../..');
const secrets = { POSTGRES_PASSWORD: 'pw', MINIO_ROOT_PASSWORD: 'minio-password', PAAS_ADMIN_TOKEN: 'token' };

function compose(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in secrets)));
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8' });
}

function run(image: string, cmd: string[]) {
  return spawnSync('/usr/bin/docker', ['run', '--rm', '--network', 'none', image, ...cmd], { encoding: 'utf8' });
}

describe('production install (docker-compose.yml)', () => {
  it('is a valid compose file with every service, volume and health check', () => {
    const r = compose(['config'], secrets);
    expect(r.status, r.stderr).toBe(0);
    for (const svc of ['postgres:', 'temporal:', 'minio:', 'registry:', 'edge:', 'gateway:', 'worker:', 'migrate:']) expect(r.stdout).toContain(`  ${svc}`);
    expect(r.stdout.match(/healthcheck:/g)?.length).toBeGreaterThanOrEqual(6);
    expect(r.stdout).toContain('restart: unless-stopped');
  });

  it('refuses to start without the secrets it needs', () => {
    const r = compose(['config', '-q'], {});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/set (POSTGRES_PASSWORD|MINIO_ROOT_PASSWORD|PAAS_ADMIN_TOKEN)/);
  });

  it('ships the edge config the embedded stack generates', () => {
    const expected = haproxyConfig(
      { routesMap: '/var/run/paas-edge/routes.map', adminSocket: '/var/run/paas-edge/admin.sock' },
      '0.0.0.0:${PAAS_EDGE_PORT}',
      '127.0.0.1:8081',
    );
    expect(readFileSync(resolve(root, 'deploy/haproxy/haproxy.cfg'), 'utf8')).toBe(expected);
  });

  it('ships the site server config the embedded stack generates (the official nginx image has no brotli module)', () => {
    const expected = siteServerConfig({ sitesDir: '/var/lib/paas/sites', confDir: '/tmp', listen: '127.0.0.1:8081', user: 'nginx', brotli: false });
    expect(readFileSync(resolve(root, 'deploy/site-server/nginx.conf'), 'utf8')).toBe(expected);
  });

  it('builds the gateway and worker images from a local base image, and they run', async () => {
    await buildPlatformImages();

    const schema = run('paas-test/gateway:ci', ['node', 'services/gateway/dist/print-schema.js']);
    expect(schema.status, schema.stderr).toBe(0);
    expect(schema.stdout).toBe(readFileSync(resolve(root, 'graphql/schema.graphql'), 'utf8'));

    const worker = run('paas-test/worker:ci', [
      'node',
      '-e',
      "import('@temporalio/worker').then(async ({ bundleWorkflowCode }) => { await bundleWorkflowCode({ workflowsPath: require.resolve('@paas/workflows') }); console.log('bundled'); })",
    ]);
    expect(worker.status, worker.stderr).toBe(0);
    expect(worker.stdout).toContain('bundled');
    expect(run('paas-test/worker:ci', ['git', '--version']).stdout).toMatch(/git version/);
    const info = await docker.getImage('paas-test/gateway:ci').inspect();
    expect(info.Config.User).toBe('node');
  }, 900_000);
});
