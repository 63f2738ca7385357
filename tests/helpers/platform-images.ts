// The platform's own images (services/gateway/Dockerfile, services/worker/Dockerfile), built from
// this checkout FROM the Node base image made locally (node-base-image.ts). One way to build
// them, shared by the production-install test and the Kubernetes control-plane test, so that
// Docker's layer cache serves both.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureNodeBaseImage } from './node-base-image.js';

export const PLATFORM_IMAGES = { gateway: 'paas-test/gateway:ci', worker: 'paas-test/worker:ci' } as const;

const root = resolve(import.meta.dirname, '../..');

function build(dockerfile: string, tag: string, baseImage: string): void {
  // Debian's docker CLI with the classic builder: dockerode would need the context tarred by hand
  const r = spawnSync('/usr/bin/docker', ['build', '-q', '-f', dockerfile, '--build-arg', `NODE_IMAGE=${baseImage}`, '-t', tag, '.'], {
    cwd: root,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`docker build of ${tag} failed:\n${r.stderr.slice(-3000)}`);
}

/** Builds (or, with nothing changed, takes from the layer cache) both images; returns their tags. */
export async function buildPlatformImages(): Promise<typeof PLATFORM_IMAGES> {
  const base = await ensureNodeBaseImage();
  build('services/gateway/Dockerfile', PLATFORM_IMAGES.gateway, base);
  build('services/worker/Dockerfile', PLATFORM_IMAGES.worker, base);
  return PLATFORM_IMAGES;
}
