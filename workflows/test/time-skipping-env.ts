// Workflow unit tests run on TestWorkflowEnvironment's time-skipping test server: no platform
// service, and timers (retire grace, retries) skip ahead instead of being waited out. The server
// is Temporal's Java test server, fetched from Maven Central by scripts/ensure-system.mjs.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function timeSkippingServerPath(env: NodeJS.ProcessEnv = process.env): string {
  const cache = resolve(env.PAAS_CACHE_DIR || join(env.HOME || homedir(), '.cache/paas'));
  return join(cache, 'temporal-test-server', 'temporal-test-server');
}

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = timeSkippingServerPath();
  if (!existsSync(path)) throw new Error(`Temporal's time-skipping test server is not at ${path}; run node scripts/ensure-system.mjs --for=unit`);
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}
