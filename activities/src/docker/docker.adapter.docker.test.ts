// The Docker adapter against the real engine (medium tier): builds with the build network and
// limits, releases that are found again by name, images and networks it is asked about. Every
// name is this suite's own, and everything it makes is removed afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestBaseImage, TEST_BASE_IMAGE } from '../../../tests/helpers/base-image.js';
import { BuildError, DockerAdapter, dockerFromEnv } from './docker.adapter.js';

const run = randomUUID().slice(0, 8);
const docker = new DockerAdapter(dockerFromEnv());
const network = `paas-medium-${run}`;
const bridge = `pmd${run}`;
const tag = `paas-medium/${run}:1`;
const release = `paas-medium-${run}`;
const context = mkdtempSync(join(tmpdir(), 'paas-medium-build-'));
const labels = { 'dev.paas.managed': 'true', 'dev.paas.app': `medium-${run}` };

beforeAll(async () => {
  await ensureTestBaseImage();
  await docker.ensureBuildNetwork(network, bridge, labels);
});

afterAll(async () => {
  await docker.removeContainer(release, 0);
  await docker.removeImage(tag);
  await docker.removeNetwork(network);
  rmSync(context, { recursive: true, force: true });
});

describe('DockerAdapter on the engine', () => {
  it('creates the build network once, with its bridge name, and refuses a look-alike', async () => {
    await docker.ensureBuildNetwork(network, bridge, labels); // idempotent
    await docker.ensureNetwork(`${network}-plain`, labels);
    await expect(docker.ensureBuildNetwork(`${network}-plain`, bridge, labels)).rejects.toThrow(/is not the build network/);
    await docker.removeNetwork(`${network}-plain`);
  });

  it('builds on the build network with the given limits, streams the output, labels the image', async () => {
    writeFileSync(join(context, 'Dockerfile'), `FROM ${TEST_BASE_IMAGE}\nRUN echo built-${run}\nONBUILD RUN echo later\nCMD ["httpd", "-f", "-p", "8080"]\n`);
    const out: string[] = [];
    const id = await docker.build({
      contextDir: context,
      dockerfile: 'Dockerfile',
      tag,
      labels,
      onOutput: (t) => out.push(t),
      network,
      limits: { memoryBytes: 128 * 1024 * 1024, nanoCpus: 5e8 },
    });
    expect(id).toMatch(/^sha256:/);
    expect(out.join('')).toContain(`built-${run}`);
    const image = await docker.localImage(tag);
    expect(image).toEqual({ exists: true, labels: expect.objectContaining(labels), onBuild: ['RUN echo later'] });
    expect(await docker.localImage(`paas-medium/none-${run}:1`)).toEqual({ exists: false, labels: {}, onBuild: [] });
  });

  it("a failing RUN step is a BuildError with the engine's message", async () => {
    writeFileSync(join(context, 'Dockerfile'), `FROM ${TEST_BASE_IMAGE}\nRUN echo ${run} && exit 3\n`);
    await expect(
      docker.build({ contextDir: context, dockerfile: 'Dockerfile', tag: `${tag}-bad`, labels, onOutput: () => undefined, network }),
    ).rejects.toSatisfy((e) => e instanceof BuildError && /returned a non-zero code: 3/.test(e.message));
  });

  it('runs a release once by name (a retry finds it), reports it, and removes it', async () => {
    const spec = { name: release, image: tag, network, port: 8080, env: [], labels, limits: { memoryBytes: 64 * 1024 * 1024, nanoCpus: 5e8, pids: 64 } };
    const first = await docker.runRelease(spec);
    const again = await docker.runRelease(spec);
    expect(again.upstream).toBe(first.upstream);
    expect(first.upstream).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await docker.containerStatus(release)).toMatchObject({ exists: true, running: true });
    await docker.removeContainer(release, 0);
    await docker.removeContainer(release, 0); // absent is fine
    expect(await docker.containerStatus(release)).toEqual({ exists: false, running: false });
  });
});
