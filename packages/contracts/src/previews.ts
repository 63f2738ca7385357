// Pull-request previews: the names the gateway, the worker and the workflows must agree on. A
// preview runs like a small app of its own named `<app>-pr-<n>` (app names ending in -pr-<n> are
// reserved for it), so its host, containers, network and image repository follow from that name.

/** The largest pull-request number a preview is made for (forges count from 1). */
export const MAX_PULL_REQUEST = 1_000_000_000;

/** `<app>-pr-<n>`: the preview's host label and the name its release resources are made under. */
export function previewAppName(appName: string, pullRequest: number): string {
  return `${appName}-pr-${pullRequest}`;
}

/** Where a preview is served, e.g. http://shop-pr-7.apps.local:8080/ (the target URL of a commit status). */
export function previewUrl(appName: string, pullRequest: number, baseDomain: string, edgePort: number): string {
  return `http://${previewAppName(appName, pullRequest)}.${baseDomain}:${edgePort}/`;
}

/** The deployer of one pull request's previews: a newer push supersedes only that preview's deployments. */
export function previewDeployerWorkflowId(appId: string, pullRequest: number): string {
  return `app-${appId}-pr-${pullRequest}`;
}

export function previewTeardownWorkflowId(appId: string, pullRequest: number): string {
  return `teardown-${appId}-pr-${pullRequest}`;
}

export interface PreviewTeardownInput {
  appId: string;
  previewId: string;
  pullRequest: number;
}
