// Replays committed histories of real deployments through today's workflow code: a change to
// the command sequence that is not guarded by patched() fails here.
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const quietBundler = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} };

describe('workflow replay', () => {
  // bundled once for every history: bundling is most of a replay's time (the unit tier's budget)
  let workflowBundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(import.meta.resolve('@paas/workflows')), logger: quietBundler });
  });

  it('has committed histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const workflowType = history.events[0].workflowExecutionStartedEventAttributes.workflowType.name;
    await Worker.runReplayHistory({ workflowBundle, replayName: file }, history, `replay-${file}`);
    expect(workflowType).toMatch(/Workflow$/);
  });
});
