// Medium tier, the test forge: one real Gitea for the suite (the binary ensure-system builds) on a
// free port in a temp dir, with an admin and a token of its own; nothing else runs.
import type { TestProject } from 'vitest/node';
import { startGitea, type RunningGitea } from '../helpers/gitea.js';
import { freePort } from './free-port.js';

let gitea: RunningGitea | undefined;

export async function setup(project: TestProject): Promise<void> {
  const t0 = Date.now();
  gitea = await startGitea({ port: await freePort() });
  console.log(`[gitea] ready at ${gitea.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  project.provide('gitea', { url: gitea.url, admin: gitea.admin });
}

export async function teardown(): Promise<void> {
  await gitea?.stop();
}
