// Medium tier, adapters and images: the Docker engine alone. The one that answers is used (it is
// shared and never stopped here); as root with none running, dockerd is started for the suite.
import { dockerdProcess, dockerPing, DEFAULT_DOCKER_SOCKET, waitForDocker } from '@paas/supervisor/services/docker-engine';
import { scratchDir } from './scratch-dir.js';

let stop: (() => Promise<void>) | undefined;

export async function setup(): Promise<void> {
  if (await dockerPing(DEFAULT_DOCKER_SOCKET)) return;
  const data = scratchDir('dockerd');
  const proc = dockerdProcess(data.dir);
  stop = async () => {
    await proc.stop();
    data.remove();
  };
  proc.start();
  try {
    await waitForDocker(proc);
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function teardown(): Promise<void> {
  await stop?.();
}
