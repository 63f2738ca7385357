// One deployment of an app: read its plan, hand it to its runtime's pipeline (pipelines/), and
// once LIVE let the pipeline retire what the new release replaced. A failure or cancellation
// before LIVE goes to the saga runner (saga/), which undoes what the pipeline did, newest first,
// so the previous release keeps serving.
import { setHandler } from '@temporalio/workflow';
import { deploymentStateQuery, supersedeSignal, type DeployAppInput, type DeploymentState } from '@paas/contracts';
import { projection } from './activity-proxies.js';
import { CommitStatusReporter } from './commit-status.js';
import { DeploymentRun } from './deployment-run.js';
import { pipelineFor, type DeployPipeline } from './pipelines/index.js';
import { failDeployment } from './saga/fail-deployment.js';
import { announceOutcome } from './notifications.js';

export async function deployAppWorkflow(input: DeployAppInput): Promise<DeploymentState> {
  const run = new DeploymentRun(input.deploymentId);
  setHandler(deploymentStateQuery, () => run.machine.state);
  setHandler(supersedeSignal, ({ byDeploymentId }) => run.supersede(byDeploymentId));

  const statuses = CommitStatusReporter.start(run.deploymentId);
  let pipeline: DeployPipeline | undefined;
  let isPreview = false;
  try {
    await run.work.run(async () => {
      const plan = await projection.planDeployment(run.deploymentId);
      // a preview's statuses link to the preview (not a command: histories replay unchanged)
      if (plan.previewUrl) statuses?.useTargetUrl(plan.previewUrl);
      isPreview = Boolean(plan.previewUrl);
      pipeline = pipelineFor(plan);
      run.machine.useSteps(pipeline.steps);
      await pipeline.deploy(run);
    });
  } catch (err) {
    await failDeployment(run, err, pipeline?.cleanupAfterFailure);
    await statuses?.finish(run.machine.state);
    await announceOutcome(run.deploymentId, run.machine.state, isPreview);
    await run.cleanupWorkspace();
    return run.machine.state;
  }
  // LIVE: the forge hears it now, not after the old releases' grace period
  await statuses?.finish(run.machine.state);
  await announceOutcome(run.deploymentId, run.machine.state, isPreview);
  await pipeline!.retire(run);
  await run.cleanupWorkspace();
  return run.machine.state;
}
