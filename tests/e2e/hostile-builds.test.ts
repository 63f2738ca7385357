// Builds are untrusted code (issue 9, items 3 and 4), through the contract: a build cannot make
// the engine fetch from the host (remote ADD), its RUN steps reach neither the host's services
// nor the private network nor cloud metadata, it runs into memory, process and output limits
// that name themselves, its log is bounded and masked, and a flooding build does not stall
// another app's deployment.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_BASE_IMAGE } from '../helpers/base-image.js';
import { docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { startPrivateHost, type PrivateHost } from '../helpers/private-host.js';

const repos: FixtureRepo[] = [];
function repoWith(files: Record<string, string | null>): FixtureRepo {
  const repo = new FixtureRepo();
  repo.commit(files, 'v1');
  repos.push(repo);
  return repo;
}

async function logOf(deploymentId: string): Promise<string[]> {
  const lines: string[] = [];
  for (let after = 0; ;) {
    const d = await gql(`query($id: ID!, $after: Int) { deploymentLogs(deploymentId: $id, afterSeq: $after) { seq line } }`, { id: deploymentId, after });
    if (d.deploymentLogs.length === 0) return lines;
    lines.push(...d.deploymentLogs.map((l: { line: string }) => l.line));
    after = d.deploymentLogs.at(-1).seq;
  }
}

async function leftovers(appId: string): Promise<number> {
  return (await docker.listContainers({ all: true, filters: { label: [`dev.paas.app=${appId}`] } })).length;
}

/** A SERVICE app whose Dockerfile runs `run` in a RUN step; deploys it and waits for the outcome. */
async function deployService(name: string, dockerfileExtra: string) {
  // a new first line each run: the engine's build cache must not replay an earlier run's steps
  const repo = repoWith(busyboxApp({ extraDockerfile: `RUN echo run ${Date.now()}\n${dockerfileExtra}` }));
  const app = await createApp({ name, gitUrl: repo.url, port: 8080, healthCheckPath: '/' });
  const d = await waitForDeployment((await deploy(app.id)).id, 170_000);
  return { app, d, log: await logOf(d.id) };
}

// an HTTP request with a 3 s timeout (busybox nc; its wget -T crashes here), true when answered
const answers = (host: string, port: number) => `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${host} ${port} | grep -q HTTP/1`;
const GATEWAY = "$(ip route | awk '/default/ {print $3}')";
// a RUN step that fails the build if it can reach the address, and says which way it went
const probe = (label: string, host: string, port: number) =>
  `RUN if ${answers(host, port)}; then echo "${label}: REACHED"; exit 1; else echo "${label}: BLOCKED"; fi`;

describe('builds are untrusted code', () => {
  let hostServer: Server;
  let hostPort: number;
  let hits = 0;
  let priv: PrivateHost;

  beforeAll(async () => {
    // a host service listening on every address: the bridge gateway's too
    hostServer = createServer((_req, res) => {
      hits++;
      res.end('host service\n');
    });
    await new Promise<void>((r) => hostServer.listen(0, '0.0.0.0', r));
    hostPort = (hostServer.address() as AddressInfo).port;
    priv = startPrivateHost();
  });

  afterAll(async () => {
    hostServer.close();
    priv?.stop();
    for (const r of repos) r.remove();
  });

  it('refuses a remote ADD of the control plane (the registry catalog) before the engine fetches it', async () => {
    const registry = inject('registry');
    const { app, d } = await deployService('evil-add', `ADD http://${registry}/v2/_catalog /www/catalog.json`);
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/^BUILD failed: Build refused: ADD http:\/\/127\.0\.0\.1:\d+\/v2\/_catalog: remote sources are refused/);
    expect(await leftovers(app.id)).toBe(0);
    expect((await viaEdge('evil-add', '/catalog.json')).status).toBe(404);
  });

  it('refuses ADD hidden behind an escape directive, a line continuation or a variable', async () => {
    const repo = repoWith({
      Dockerfile: `# escape=\`\nFROM ${TEST_BASE_IMAGE}\nARG U=http://127.0.0.1:${inject('temporalAddress').split(':')[1]}/api/v1/namespaces\nad\`\nd $U /x\n`,
    });
    const app = await createApp({ name: 'evil-add-var', gitUrl: repo.url });
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toContain('variables are not allowed in ADD sources');
  });

  it("refuses a base image from the platform's own registry or a private address", async () => {
    const repo = repoWith({ Dockerfile: `FROM ${inject('registry')}/paas/other-app:1\nCMD ["true"]\n` });
    const app = await createApp({ name: 'evil-from', gitUrl: repo.url });
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/images are not pulled from 127\.0\.0\.1:\d+/);
  });

  it('RUN steps reach neither host services, nor the private network, nor cloud metadata', async () => {
    // the same probes from a container on Docker's default bridge do reach them: the test can fail
    const control = await docker.createContainer({
      Image: TEST_BASE_IMAGE,
      Cmd: ['sh', '-c', `${answers(GATEWAY, hostPort)} && ${answers(priv.privateIp, 80)} && ${answers(priv.metadataIp, 80)}`],
      HostConfig: { NetworkMode: 'bridge', AutoRemove: false },
    });
    await control.start();
    const { StatusCode } = (await control.wait()) as { StatusCode: number };
    await control.remove({ force: true });
    expect(StatusCode, 'the default bridge reaches the probes, so blocking them means something').toBe(0);
    const hitsBefore = hits;

    const probes = [probe('host', GATEWAY, hostPort), probe('private', priv.privateIp, 80), probe('metadata', priv.metadataIp, 80)];
    const { d, log } = await deployService('isolated-build', probes.join('\n'));
    for (const target of ['host', 'private', 'metadata'])
      expect(
        log.some((l) => l.endsWith(`${target}: BLOCKED`)),
        target,
      ).toBe(true);
    expect(d.status).toBe('LIVE');
    expect(hits).toBe(hitsBefore);
  });

  it('a build over its memory or process limit fails, naming the limit', async () => {
    const oom = await deployService('build-oom', 'RUN x=$(head -c 400000000 /dev/zero | tr "\\0" a); echo ${#x}');
    expect(oom.d.status).toBe('FAILED');
    expect(oom.d.error).toContain('memory limit of 256 MB (PAAS_BUILD_MEMORY_MB)');
    expect(await leftovers(oom.app.id)).toBe(0);
    const forks = await deployService('build-forks', 'RUN for i in $(seq 1 400); do sleep 20 & done; wait');
    expect(forks.d.status).toBe('FAILED');
    expect(forks.d.error).toContain('process limit of 200 (PAAS_BUILD_PIDS)');
  });

  it('a flooding build is stopped at its output limit while another app deploys meanwhile', async () => {
    const floodRepo = repoWith(busyboxApp({ extraDockerfile: `RUN echo ${Date.now()}; head -c 200000000 /dev/zero | tr '\\0' a` }));
    const calmRepo = repoWith(busyboxApp({ body: 'calm\n' }));
    const flood = await createApp({ name: 'flood', gitUrl: floodRepo.url });
    const calm = await createApp({ name: 'calm', gitUrl: calmRepo.url });
    const floodDeployment = await deploy(flood.id);
    await new Promise((r) => setTimeout(r, 1000));
    const calmDeployment = await deploy(calm.id);
    const [f, c] = await Promise.all([waitForDeployment(floodDeployment.id), waitForDeployment(calmDeployment.id)]);
    expect(c.status, c.error ?? '').toBe('LIVE');
    expect((await viaEdge('calm')).body).toBe('calm\n');
    expect(f.status).toBe('FAILED');
    expect(f.error).toBe('BUILD failed: Build stopped: its output exceeded 8 MB (PAAS_BUILD_MAX_OUTPUT_MB).');
    const log = await logOf(f.id);
    const long = log.find((l) => l.startsWith('aaaa'));
    expect(long).toMatch(/^a{16384} \[line cut: \d+ more characters\]$/);
  });

  it('a long log is cut at its cap and says so; the build itself goes on', async () => {
    const lines = `RUN i=0; while [ $i -lt 30000 ]; do echo "line $i .........................................................................................."; i=$((i+1)); done`;
    const { d, log } = await deployService('chatty', lines);
    expect(d.status).toBe('LIVE');
    expect(log).toContain("Log truncated: this deployment's log reached 2 MB (PAAS_LOG_MAX_MB); later output is not stored.");
    expect(log.filter((l) => l.startsWith('line ')).length).toBeLessThan(30000);
    expect(log).toContain('Deployment is LIVE.');
  });

  it('masks secret env vars in a static build log, also when the value is split across output chunks', async () => {
    const secret = 'sk_live_51HxQ9aBcDeFgHiJ';
    const repo = repoWith({ 'site/index.html': 'ok\n' });
    const app = await createApp({
      name: 'leaky-build',
      kind: 'STATIC',
      gitUrl: repo.url,
      buildImage: TEST_BASE_IMAGE,
      // the value is printed whole, then in two writes with a pause between them
      buildCommand: `echo "key is $API_KEY"; printf '%s' "split \${API_KEY:0:9}"; sleep 1; printf '%s\\n' "\${API_KEY:9}"; mkdir -p dist; cp site/index.html dist/`,
      outputDirectory: 'dist',
      env: [{ key: 'API_KEY', value: secret, secret: true }],
    });
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.status, d.error ?? '').toBe('LIVE');
    const log = (await logOf(d.id)).join('\n');
    expect(log).toContain('key is ***');
    expect(log).toContain('split ***');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(secret.slice(0, 9));
  });
});
