// An app and its pull-request previews share the app's Docker label; their release containers are
// told apart by name: the app's are paas-<app>-<id>, a preview's paas-<app>-pr-<n>-<id>.
import { releaseContainerName } from '@paas/contracts';

const PREVIEW_PART = /^pr-\d+-/;

/**
 * Whether a container of the app (by label) is one of the releases of `appName` that a RETIRE
 * of `appName` may stop: the app's own (never its previews'), or, for a preview, that preview's only.
 */
export function ownRelease(appName: string, containerName: string | undefined, isPreview: boolean): boolean {
  const prefix = releaseContainerName(appName, '');
  if (containerName === undefined) return !isPreview;
  const rest = containerName.startsWith(prefix) ? containerName.slice(prefix.length) : null;
  if (isPreview) return rest !== null && !rest.includes('-');
  return rest === null || !PREVIEW_PART.test(rest);
}
