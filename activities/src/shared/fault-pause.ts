// Fault injection for the crash tests, inert unless PAAS_FAULT_PAUSE_DIR is set (never in
// production): while `<dir>/<appId>.<STEP>` exists, a step holds after doing its work and
// before reporting it, so a test can kill a process exactly there and check that the retry
// does not repeat the side effect (a second container, a second route).
import { Context } from '@temporalio/activity';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StepName } from '@paas/contracts';

export async function pauseIfRequested(appId: string, step: StepName): Promise<void> {
  const dir = process.env.PAAS_FAULT_PAUSE_DIR;
  if (!dir) return;
  const file = join(dir, `${appId}.${step}`);
  if (existsSync(file)) writeFileSync(`${file}.reached`, String(process.pid));
  while (existsSync(file)) {
    Context.current().heartbeat();
    await new Promise((r) => setTimeout(r, 200));
  }
}
