import { ApplicationFailure } from '@temporalio/activity';
import { validateBranch, validateCommitSha, validateGitUrl } from '@paas/contracts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import type { ActivitySettings } from '../settings.js';
import { currentAttempt, withHeartbeat } from '../shared/heartbeat.js';
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
    await projection.recordAttempt(input.deploymentId, 'CLONE', currentAttempt());
    const source = { url: validateGitUrl(input.gitUrl), token: await projection.getGitToken(input.appId) };
    return withHeartbeat(async (signal) => {
      try {
        const sha = input.requestedSha ? validateCommitSha(input.requestedSha) : await git.resolveBranch(source, validateBranch(input.branch), signal);
        await projection.appendLogs(input.deploymentId, [{ stream: 'system', line: `Cloning ${redact(input.gitUrl)} at ${sha}` }]);
        await git.checkout(source, sha, workspaceDir(settings, input.deploymentId), signal);
        await projection.updateDeployment(input.deploymentId, { commitSha: sha });
        return sha;
      } catch (err) {
        if (err instanceof GitError && err.definitive) throw ApplicationFailure.nonRetryable(err.message, 'GitError');
        throw err;
      }
    });
  }

  async function cleanupWorkspace(deploymentId: string): Promise<void> {
    await rm(workspaceDir(settings, deploymentId), { recursive: true, force: true });
  }

  return { cloneRepository, cleanupWorkspace };
}
