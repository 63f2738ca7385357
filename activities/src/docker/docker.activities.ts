import { ApplicationFailure, Context } from '@temporalio/activity';
import { LABELS, validateRelativePath } from '@paas/contracts';
import { open, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { GitAdapter } from '../git/git.adapter.js';
import { workspaceDir } from '../git/git.activities.js';
import type { DeploymentPlan, ReleaseRef } from '../plan.js';
import { LogWriter } from '../projection/log-writer.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import type { ActivitySettings } from '../settings.js';
import { releaseLimits } from './release-limits.js';
import { withHeartbeat } from '../shared/heartbeat.js';
import { reportedStep } from '../shared/reported-step.js';
import { BuildError, ContainerExitedError, type DockerAdapter } from './docker.adapter.js';
import type { RegistryAdapter } from '../registry/registry.adapter.js';
import { BuildCgroup } from '../build/build-cgroup.js';
import { ownRelease } from '../previews/release-names.js';
import type { BuildSandbox } from '../build/build-sandbox.js';

export function createDockerActivities(
  docker: DockerAdapter,
  git: GitAdapter,
  registry: RegistryAdapter,
  projection: ProjectionAdapter,
  sandbox: BuildSandbox,
  settings: ActivitySettings,
) {
  const appLabels = (plan: DeploymentPlan) => ({
    [LABELS.managed]: 'true',
    [LABELS.app]: plan.appId,
    [LABELS.appName]: plan.appName,
  });
  const labelsFor = (plan: DeploymentPlan) => ({ ...appLabels(plan), [LABELS.deployment]: plan.deploymentId });

  /** The build context and Dockerfile, checked to lie inside the checkout (symlinks included). */
  async function resolveBuildContext(plan: DeploymentPlan): Promise<{ contextDir: string; dockerfile: string }> {
    const root = await realpath(workspaceDir(settings, plan.deploymentId));
    const rootDirectory = validateRelativePath(plan.rootDirectory, 'rootDirectory');
    const dockerfile = validateRelativePath(plan.dockerfilePath, 'dockerfilePath');
    const inside = (p: string) => p === root || p.startsWith(root + sep);
    let contextDir: string;
    try {
      contextDir = await realpath(join(root, rootDirectory));
    } catch {
      throw ApplicationFailure.nonRetryable(`Root directory "${rootDirectory}" does not exist in the repository.`, 'MissingRootDirectory');
    }
    if (!inside(contextDir)) throw ApplicationFailure.nonRetryable(`Root directory "${rootDirectory}" points outside the repository.`, 'InvalidPath');
    let file: string;
    try {
      file = await realpath(join(contextDir, dockerfile));
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      throw ApplicationFailure.nonRetryable(
        `No Dockerfile at "${dockerfile}" (relative to root directory "${rootDirectory}"). Add one to the repository or set dockerfilePath.`,
        'MissingDockerfile',
      );
    }
    if (!inside(file)) throw ApplicationFailure.nonRetryable(`dockerfilePath "${dockerfile}" points outside the repository.`, 'InvalidPath');
    return { contextDir, dockerfile: file.slice(contextDir.length + 1) };
  }

  async function buildImage(plan: DeploymentPlan, commitSha: string): Promise<string> {
    const logs = await LogWriter.open(projection, plan.deploymentId);
    try {
      return await withHeartbeat(
        async (signal) => {
          // a retry on another worker (or after the checkout was cleaned) clones again
          await git.checkout(
            { url: plan.gitUrl, token: await projection.getGitToken(plan.appId, plan.deploymentId) },
            commitSha,
            workspaceDir(settings, plan.deploymentId),
            signal,
          );
          const { contextDir, dockerfile } = await resolveBuildContext(plan);
          await sandbox.checkDockerfile(await readDockerfile(join(contextDir, dockerfile)), plan.appId);
          await sandbox.ensure();
          logs.line(`Building ${plan.imageTag} from ${dockerfile}`);
          const limits = settings.build;
          const cgroup = await BuildCgroup.create(plan.deploymentId, limits);
          if (!cgroup) logs.line('No build cgroup on this host: memory and CPU are limited per step; the process limit does not apply.');
          const timeout = AbortSignal.timeout(plan.timing.buildTimeoutMs);
          const tooLoud = new AbortController();
          const both = AbortSignal.any([signal, timeout, tooLoud.signal]);
          try {
            const imageId = await docker.build({
              contextDir,
              dockerfile,
              tag: plan.imageTag,
              // no deployment id on the image: a label that changes every build defeats the build cache
              labels: appLabels(plan),
              onOutput: (text, stream) => {
                logs.write(text, stream);
                if (logs.outputChars > limits.maxOutputBytes) tooLoud.abort();
              },
              signal: both,
              network: limits.network,
              // the cgroup holds the limits for the whole build (and tells which one was hit)
              ...(cgroup ? { cgroupParent: cgroup.parent } : { limits }),
            });
            logs.line(`Built image ${imageId}`);
            return imageId;
          } catch (err) {
            if (timeout.aborted)
              throw ApplicationFailure.nonRetryable(
                `Build timed out after ${Math.round(plan.timing.buildTimeoutMs / 1000)} s (PAAS_BUILD_TIMEOUT_MS).`,
                'BuildTimeout',
              );
            if (tooLoud.signal.aborted) {
              throw ApplicationFailure.nonRetryable(
                `Build stopped: its output exceeded ${Math.round(limits.maxOutputBytes / 1024 / 1024)} MB (PAAS_BUILD_MAX_OUTPUT_MB).`,
                'BuildOutputLimit',
              );
            }
            if (err instanceof BuildError && !signal.aborted) {
              const limit = await cgroup?.exceeded(err.message);
              if (limit) throw ApplicationFailure.nonRetryable(`Build failed: ${limit}. (${err.message})`, 'BuildLimit');
              throw ApplicationFailure.nonRetryable(`Build failed: ${err.message}`, 'BuildFailed');
            }
            throw err;
          } finally {
            await cgroup?.remove();
          }
        },
        2000,
        () => ({ lines: logs.lines }),
      );
    } finally {
      await logs.close();
    }
  }

  async function pushImage(plan: DeploymentPlan): Promise<string> {
    const logs = await LogWriter.open(projection, plan.deploymentId);
    try {
      const digest = await withHeartbeat(() => docker.push(plan.imageTag, (l) => logs.line(l, 'stdout')));
      const repo = plan.imageTag.slice(0, plan.imageTag.lastIndexOf(':'));
      const imageRef = `${repo}@${digest}`;
      await projection.updateDeployment(plan.deploymentId, { imageRef });
      logs.line(`Pushed ${imageRef}`);
      return imageRef;
    } finally {
      await logs.close();
    }
  }

  /** Starts the release container (idempotent by name) and returns its upstream address. */
  async function runRelease(plan: DeploymentPlan, imageRef: string): Promise<string> {
    return withHeartbeat(async () => {
      if (!(await docker.imageExists(imageRef))) await docker.pull(imageRef);
      await docker.ensureNetwork(plan.network, { [LABELS.managed]: 'true', [LABELS.app]: plan.appId });
      const env = await projection.getEnvSnapshot(plan.deploymentId);
      const { upstream } = await docker
        .runRelease({
          name: plan.containerName,
          image: imageRef,
          network: plan.network,
          port: plan.port,
          env: [`PORT=${plan.port}`, ...env.map((e) => `${e.key}=${e.value}`)],
          labels: labelsFor(plan),
          limits: releaseLimits(plan, settings.limits),
        })
        .catch(async (err) => {
          if (!(err instanceof ContainerExitedError)) throw err;
          const lines = await docker.containerLogs(plan.containerName, 20);
          await projection.appendLogs(
            plan.deploymentId,
            lines.map((line) => ({ stream: 'stderr' as const, line })),
          );
          throw ApplicationFailure.nonRetryable(`${err.message} Its last log lines are in the deployment log.`, 'ContainerExited');
        });
      await projection.updateDeployment(plan.deploymentId, { containerName: plan.containerName, upstream });
      await projection.appendLogs(plan.deploymentId, [{ stream: 'system', line: `Started container ${plan.containerName} (${upstream})` }]);
      return upstream;
    });
  }

  /** Compensation for RUN: the new release's container is stopped gracefully, then removed. (RETIRE is retireOldReleases.) */
  async function removeRelease(deploymentId: string, containerName: string, stopTimeoutSec: number): Promise<void> {
    await withHeartbeat(() => docker.removeContainer(containerName, stopTimeoutSec));
    await projection.appendLogs(deploymentId, [{ stream: 'system', line: `Removed container ${containerName}` }]);
  }

  async function retireRelease(plan: DeploymentPlan, previous: ReleaseRef): Promise<void> {
    await withHeartbeat(() => docker.removeContainer(previous.containerName, plan.timing.stopTimeoutSec));
    await projection.appendLogs(plan.deploymentId, [{ stream: 'system', line: `Retired previous release ${previous.containerName}` }]);
  }

  /**
   * RETIRE: every release container of the app but the live one goes (graceful stop, then
   * removal), and images beyond the releases kept for rollback are deleted, locally and from
   * the registry. Only the app's own labelled containers and its own repository are touched.
   */
  async function retireOldReleases(plan: DeploymentPlan): Promise<void> {
    await withHeartbeat(async () => {
      for (const c of await docker.listManagedContainers(plan.appId)) {
        const name = c.Names[0]?.replace(/^\//, '');
        if (name === plan.containerName || !ownRelease(plan.appName, name, Boolean(plan.previewId))) continue;
        await docker.removeContainer(c.Id, plan.timing.stopTimeoutSec);
        await projection.appendLogs(plan.deploymentId, [{ stream: 'system', line: `Retired old release ${name}` }]);
      }
      const repo = plan.imageTag.slice(0, plan.imageTag.lastIndexOf(':'));
      for (const { imageRef, deploymentIds } of await projection.prunableImages(plan.appId, settings.keepReleases, plan.previewId ?? null)) {
        if (!imageRef.startsWith(`${repo}@`)) continue;
        for (const id of deploymentIds) await docker.removeImage(`${repo}:${id}`);
        await docker.removeImage(imageRef);
        await registry.deleteManifest(imageRef);
        await projection.markImagePruned(deploymentIds);
        await projection.appendLogs(plan.deploymentId, [
          { stream: 'system', line: `Pruned image ${imageRef} (more than ${settings.keepReleases} releases kept)` },
        ]);
      }
    });
  }

  /** Compensation for BUILD: a failed deployment leaves no image behind. */
  async function removeBuiltImage(imageTag: string): Promise<void> {
    Context.current().heartbeat();
    await docker.removeImage(imageTag);
  }

  return {
    buildImage: (plan: DeploymentPlan, commitSha: string) => reportedStep(projection, plan, 'BUILD', () => buildImage(plan, commitSha)),
    pushImage: (plan: DeploymentPlan) => reportedStep(projection, plan, 'PUSH', () => pushImage(plan)),
    runRelease: (plan: DeploymentPlan, imageRef: string) => reportedStep(projection, plan, 'RUN', () => runRelease(plan, imageRef), 'DEPLOYING'),
    /** Kept for deployments that started before retireOldReleases (see the patch in deployAppWorkflow). */
    retireRelease: (plan: DeploymentPlan, previous: ReleaseRef) => reportedStep(projection, plan, 'RETIRE', () => retireRelease(plan, previous)),
    retireOldReleases: (plan: DeploymentPlan) => reportedStep(projection, plan, 'RETIRE', () => retireOldReleases(plan)),
    removeRelease,
    removeBuiltImage,
  };
}

const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** The Dockerfile as the engine will read it; a huge one is refused rather than read whole. */
async function readDockerfile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > MAX_DOCKERFILE_BYTES) throw ApplicationFailure.nonRetryable(`The Dockerfile is larger than 1 MB.`, 'BuildRefused');
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}
