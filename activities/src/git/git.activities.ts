import { ApplicationFailure, Context } from '@temporalio/activity';
import { validateBranch, validateCommitSha } from '@paas/contracts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import type { ActivitySettings } from '../settings.js';
import { withHeartbeat } from '../shared/heartbeat.js';
import { reportedStep } from '../shared/reported-step.js';
import { GitError, redact, type GitAdapter } from './git.adapter.js';

export interface CloneInput {
  deploymentId: string;
  appId: string;
  gitUrl: string;
  branch: string;
  requestedSha: string | null;
}

export function workspaceDir(settings: ActivitySettings, deploymentId: string): string {
  return join(settings.workRoot, deploymentId);
}

export function createGitActivities(git: GitAdapter, projection: ProjectionAdapter, settings: ActivitySettings) {
  /** Resolves the commit (branch head, once) and checks it out shallowly; returns the sha. */
  async function cloneRepository(input: CloneInput): Promise<string> {
    // the adapter checks the URL itself (scheme, credentials, PAAS_GIT_FILE_ROOTS): a workflow may carry an old value
    const source = { url: input.gitUrl, token: await projection.getGitToken(input.appId, input.deploymentId) };
    // the branch head is resolved once: a retry after a crash reuses the sha the first attempt found
    const resolved = Context.current().info.heartbeatDetails as string | undefined;
    let sha = input.requestedSha ? validateCommitSha(input.requestedSha) : resolved;
    const dir = workspaceDir(settings, input.deploymentId);
    return withHeartbeat(
      async (signal) => {
        try {
          if (sha) {
            await git.checkout(source, sha, dir, signal);
          } else {
            sha = await git.checkoutBranch(source, validateBranch(input.branch), dir, signal);
            Context.current().heartbeat(sha);
          }
          await projection.updateDeployment(input.deploymentId, { commitSha: sha });
          await projection.appendLogs(input.deploymentId, [{ stream: 'system', line: `Cloned ${redact(input.gitUrl)} at ${sha}` }]);
          return sha;
        } catch (err) {
          if (err instanceof GitError && err.definitive) throw ApplicationFailure.nonRetryable(err.message, 'GitError');
          throw err;
        }
      },
      2000,
      () => sha,
    );
  }

  async function cleanupWorkspace(deploymentId: string): Promise<void> {
    await rm(workspaceDir(settings, deploymentId), { recursive: true, force: true });
  }

  return {
    cloneRepository: (input: CloneInput) => reportedStep(projection, input, 'CLONE', () => cloneRepository(input), 'BUILDING'),
    cleanupWorkspace,
  };
}
