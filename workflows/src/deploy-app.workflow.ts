// One deployment of a SERVICE app: clone → build → push → run → verify → route → retire.
// A saga: each step that changes the world pushes its compensation first, and a failure
// runs them in reverse in a non-cancellable scope, so the previous release keeps serving.
import { CancellationScope, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import { SERVICE_STEPS, deploymentStateQuery, type DeployAppInput, type DeploymentState, type StepName } from '@paas/contracts';
import type { DeploymentPlan, PlatformActivities } from '@paas/activities';
import { DeploymentStateMachine } from './deployment.state.js';
import { describeFailure } from './failure-message.js';

const projection = proxyLocalActivities<PlatformActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 10, initialInterval: '200 ms' },
});

const git = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

const build = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '60 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds' },
});

const release = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second', maximumInterval: '10 seconds' },
});

type Compensation = { step: StepName; undo: () => Promise<void> };

export async function deployAppWorkflow(input: DeployAppInput): Promise<DeploymentState> {
  const { deploymentId } = input;
  const machine = new DeploymentStateMachine(deploymentId, SERVICE_STEPS);
  setHandler(deploymentStateQuery, () => machine.state);
  const compensations: Compensation[] = [];
  let current: StepName | undefined;
  let plan: DeploymentPlan | undefined;

  // Step activities write RUNNING/SUCCEEDED (and the deployment status) to the projection
  // themselves; the workflow writes what only it knows: failures and compensations.
  const step = async <T>(name: StepName, work: () => Promise<T>): Promise<T> => {
    current = name;
    machine.setStep(name, 'RUNNING');
    const result = await work();
    machine.setStep(name, 'SUCCEEDED');
    current = undefined;
    return result;
  };
  const status = (s: 'BUILDING' | 'DEPLOYING' | 'VERIFYING') => machine.setStatus(s);

  try {
    plan = await projection.planDeployment(deploymentId);
    const p = plan;
    status('BUILDING');
    const sha = await step('CLONE', () => git.cloneRepository({ deploymentId, appId: p.appId, gitUrl: p.gitUrl, branch: p.branch, requestedSha: p.requestedSha }));
    compensations.push({ step: 'BUILD', undo: () => release.removeBuiltImage(p.imageTag) });
    await step('BUILD', () => build.buildImage(p, sha));
    const imageRef = await step('PUSH', () => release.pushImage(p));

    status('DEPLOYING');
    compensations.push({ step: 'RUN', undo: () => release.removeRelease(deploymentId, p.containerName, 0) });
    const upstream = await step('RUN', () => release.runRelease(p, imageRef));

    status('VERIFYING');
    await step('VERIFY', () => release.verifyRelease(p, upstream));

    // the compensation needs the route as it was, which only the switch itself reads
    let before: string | null = p.previous?.upstream ?? null;
    compensations.push({ step: 'ROUTE', undo: () => release.restoreRoute(p, before) });
    before = await step('ROUTE', () => release.switchRoute(p, upstream));

    // LIVE: from here on nothing is undone; the old release is retired after a grace period
    compensations.length = 0;
    machine.setStatus('LIVE');
    await projection.markLive(deploymentId, p.appId);

    if (p.previous) {
      const previous = p.previous;
      await step('RETIRE', async () => {
        await projection.recordStep(deploymentId, 'RETIRE', 'RUNNING', `Stopping the previous release after ${p.timing.retireGraceMs} ms.`);
        await sleep(p.timing.retireGraceMs);
        await release.retireRelease(p, previous);
      });
    } else {
      machine.setStep('RETIRE', 'SKIPPED');
      await projection.recordStep(deploymentId, 'RETIRE', 'SKIPPED', 'No previous release to retire.');
    }
    return machine.state;
  } catch (err) {
    const message = describeFailure(err);
    await CancellationScope.nonCancellable(async () => {
      if (current) {
        machine.setStep(current, 'FAILED');
        await projection.recordStep(deploymentId, current, 'FAILED', message);
      }
      for (const c of compensations.reverse()) {
        await c.undo();
        if (machine.stepStatus(c.step) === 'SUCCEEDED') {
          machine.setStep(c.step, 'COMPENSATED');
          await projection.recordStep(deploymentId, c.step, 'COMPENSATED', 'Undone after a later step failed.');
        }
      }
      for (const s of machine.state.steps) {
        if (s.status === 'PENDING') {
          machine.setStep(s.name, 'SKIPPED');
          await projection.recordStep(deploymentId, s.name, 'SKIPPED');
        }
      }
      const cancelled = message === 'The deployment was cancelled.';
      const error = current && !cancelled ? `${current} failed: ${message}` : message;
      machine.fail(error, cancelled ? 'CANCELLED' : 'FAILED');
      await projection.markFinished(deploymentId, cancelled ? 'CANCELLED' : 'FAILED', error);
    });
    return machine.state;
  } finally {
    await CancellationScope.nonCancellable(() => git.cleanupWorkspace(deploymentId));
  }
}
