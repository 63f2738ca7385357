// The workflows the worker registers. Workflow code imports only @temporalio/workflow,
// @paas/contracts and activity *types* (enforced by eslint.config.js).
export { deployAppWorkflow } from './deploy-app.workflow.js';
export { appDeployerWorkflow } from './app-deployer.workflow.js';
export { teardownAppWorkflow } from './teardown-app.workflow.js';
export { scheduledRedeployWorkflow } from './scheduled-redeploy.workflow.js';
export { teardownPreviewWorkflow } from './teardown-preview.workflow.js';
export { notifyWorkflow } from './notify.workflow.js';
