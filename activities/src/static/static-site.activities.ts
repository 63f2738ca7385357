// The steps of a STATIC deployment: build (or unpack an uploaded ZIP), upload to an immutable
// prefix, materialize and check it through the edge's preview host, publish by a symlink flip,
// and retire releases beyond those kept for rollback. Each is idempotent: a retry after a crash
// rebuilds the same staging directory, re-puts the same keys, finds the release already on disk.
import { ApplicationFailure } from '@temporalio/activity';
import { LABELS, siteUploadKey, validateBuildCommand, validateBuildImage, validateRelativePath } from '@paas/contracts';
import { request } from 'node:http';
import { mkdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { EdgeRouter } from '../edge/edge.adapter.js';
import type { GitAdapter } from '../git/git.adapter.js';
import { workspaceDir } from '../git/git.activities.js';
import type { DeploymentPlan, SitePlan } from '../plan.js';
import { LogWriter } from '../projection/log-writer.js';
import type { BuildSandbox } from '../build/build-sandbox.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { releaseIdOf } from '../projection/projection.activities.js';
import type { ActivitySettings } from '../settings.js';
import { withHeartbeat } from '../shared/heartbeat.js';
import { reportedStep } from '../shared/reported-step.js';
import type { ObjectStore } from '@paas/storage';
import { forEachLimit } from './parallel.js';
import { SiteBuildError, type SiteBuilder } from '../docker/site-builder.js';
import { SiteRejected } from './site-checks.js';
import { buildManifest, parseManifest, releaseKeys, type SiteManifest } from './site-manifest.js';
import type { SitePublisher } from './site-publisher.js';
import { unpackTar } from './tar-output.js';
import { unpackZip, type UnpackResult } from './zip-archive.js';
import { pack } from 'tar-fs';
import type { Readable } from 'node:stream';

export interface StaticSiteDeps {
  builder: SiteBuilder;
  git: GitAdapter;
  store: ObjectStore;
  publisher: SitePublisher;
  edge: EdgeRouter;
  projection: ProjectionAdapter;
  sandbox: BuildSandbox;
}

function siteOf(plan: DeploymentPlan): SitePlan {
  if (!plan.site) throw ApplicationFailure.nonRetryable(`deployment ${plan.deploymentId} is not a STATIC deployment`, 'InvalidPlan');
  return plan.site;
}

/** The site's files between BUILD and UPLOAD, on the worker's disk. */
export function stagingDir(settings: ActivitySettings, deploymentId: string): string {
  return join(settings.workRoot, `${deploymentId}.site`);
}

const MB = 1024 * 1024;
const describe = (r: UnpackResult) => `${r.files} files, ${(r.bytes / MB).toFixed(2)} MB`;

export function createStaticSiteActivities(deps: StaticSiteDeps, settings: ActivitySettings) {
  const { builder, git, store, publisher, edge, projection, sandbox } = deps;
  const limits = settings.sites.limits;

  const rejected = (err: unknown): never => {
    if (err instanceof SiteRejected) throw ApplicationFailure.nonRetryable(err.message, 'SiteRejected');
    if (err instanceof SiteBuildError) throw ApplicationFailure.nonRetryable(err.message, err.kind);
    throw err;
  };

  /** BUILD from git: check out, run the build command in its container, unpack the output under the site rules. */
  async function buildSite(plan: DeploymentPlan, commitSha: string): Promise<UnpackResult> {
    const site = siteOf(plan);
    const logs = await LogWriter.open(projection, plan.deploymentId);
    const staging = stagingDir(settings, plan.deploymentId);
    try {
      return await withHeartbeat(
        async (signal) => {
          const checkout = workspaceDir(settings, plan.deploymentId);
          await git.checkout({ url: plan.gitUrl, token: await projection.getGitToken(plan.appId, plan.deploymentId) }, commitSha, checkout, signal);
          const root = validateRelativePath(plan.rootDirectory, 'rootDirectory');
          const outputDirectory = validateRelativePath(site.outputDirectory, 'outputDirectory');
          await rm(staging, { recursive: true, force: true });
          let result: UnpackResult;
          if (!site.buildCommand) {
            // no build: the output directory of the checkout is the site
            const dir = await insideCheckout(checkout, join(root, outputDirectory));
            logs.line(`No build command: publishing "${join(root, outputDirectory)}" of the repository as it is`);
            result = await unpackTar(pack(dir) as unknown as Readable, staging, limits, { strip: 0, skip: (p) => p === '.git' || p.startsWith('.git/') }).catch(
              rejected,
            );
          } else {
            const image = validateBuildImage(site.buildImage ?? '');
            const command = validateBuildCommand(site.buildCommand);
            await insideCheckout(checkout, root);
            await sandbox.ensure();
            logs.line(`Building in a throwaway ${image} container: ${command}`);
            const env = await projection.getEnvSnapshot(plan.deploymentId);
            const { output, remove } = await builder
              .build({
                name: `paas-build-${plan.deploymentId}`,
                image,
                command,
                env: ['CI=true', `PAAS_COMMIT_SHA=${commitSha}`, `PAAS_APP_NAME=${plan.appName}`, ...env.map((e) => `${e.key}=${e.value}`)],
                labels: { [LABELS.managed]: 'true', [LABELS.app]: plan.appId, [LABELS.appName]: plan.appName, [LABELS.deployment]: plan.deploymentId },
                limits: settings.build,
                network: settings.build.network,
                maxOutputChars: settings.build.maxOutputBytes,
                checkoutDir: checkout,
                rootDirectory: root,
                outputDirectory,
                timeoutMs: plan.timing.buildTimeoutMs,
                signal,
                onOutput: (text, stream) => logs.write(text, stream),
              })
              .catch(rejected);
            try {
              // Docker's archive of /workspace/<root>/dist names every entry "dist/…"
              result = await unpackTar(output, staging, limits, { strip: 1 }).catch(rejected);
            } finally {
              await remove();
            }
          }
          logs.line(`Build output: ${describe(result)}`);
          return result;
        },
        2000,
        () => ({ lines: logs.lines }),
      );
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw err;
    } finally {
      await logs.close();
    }
  }

  /** BUILD from an upload: the ZIP from the pre-signed URL, unpacked under the site rules. */
  async function unpackSiteUpload(plan: DeploymentPlan): Promise<UnpackResult> {
    const site = siteOf(plan);
    if (!site.uploadId) throw ApplicationFailure.nonRetryable('This deployment has no uploaded archive.', 'InvalidPlan');
    const key = siteUploadKey(plan.appId, site.uploadId);
    const staging = stagingDir(settings, plan.deploymentId);
    const zip = `${staging}.zip`;
    return withHeartbeat(async () => {
      const size = await store.size(key);
      if (size === null)
        throw ApplicationFailure.nonRetryable(
          'Nothing was uploaded to the upload URL (or the upload expired). PUT the ZIP to the URL, then deploy it.',
          'UploadMissing',
        );
      if (size > limits.maxUploadBytes) {
        throw ApplicationFailure.nonRetryable(
          `The archive was rejected: it is ${(size / MB).toFixed(1)} MB; the limit is ${Math.round(limits.maxUploadBytes / MB)} MB.`,
          'SiteRejected',
        );
      }
      await mkdir(settings.workRoot, { recursive: true });
      await rm(staging, { recursive: true, force: true });
      await store.getToFile(key, zip);
      try {
        const result = await unpackZip(zip, staging, limits);
        await projection.appendLogs(plan.deploymentId, [{ stream: 'system', line: `Unpacked the uploaded archive: ${describe(result)}` }]);
        return result;
      } catch (err) {
        await rm(staging, { recursive: true, force: true });
        return rejected(err);
      } finally {
        await rm(zip, { force: true });
      }
    });
  }

  /** UPLOAD: every file under the release's prefix, then the manifest, which marks it complete. */
  async function uploadSite(plan: DeploymentPlan): Promise<{ files: number; bytes: number }> {
    const site = siteOf(plan);
    const staging = stagingDir(settings, plan.deploymentId);
    if (
      !(await stat(staging).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      throw ApplicationFailure.nonRetryable('The build output is gone from this worker (was it restarted with a fresh disk?); deploy again.', 'StagingLost');
    }
    return withHeartbeat(async () => {
      const { manifest, local } = await buildManifest(site.releaseId, staging);
      let bytes = 0;
      await forEachLimit(manifest.files, 32, async (f) => {
        const file = local.get(f.path)!;
        // small files in one request from memory; large ones streamed (multipart when needed)
        if (f.size <= 1024 * 1024) await store.putBuffer(releaseKeys.file(site.prefix, f.path), await readFile(file), f.contentType);
        else await store.putFile(releaseKeys.file(site.prefix, f.path), file, f.contentType);
        bytes += f.size;
      });
      await store.putBuffer(releaseKeys.manifest(site.prefix), Buffer.from(JSON.stringify(manifest)), 'application/json');
      await projection.updateDeployment(plan.deploymentId, { sitePrefix: site.prefix });
      await projection.appendLogs(plan.deploymentId, [
        { stream: 'system', line: `Uploaded ${manifest.files.length} files (${(bytes / MB).toFixed(2)} MB) to ${store.bucket}/${site.prefix}` },
      ]);
      return { files: manifest.files.length, bytes };
    });
  }

  /** Compensation for UPLOAD: a release that never went live leaves no objects behind. */
  async function discardSiteUpload(plan: DeploymentPlan): Promise<void> {
    const site = siteOf(plan);
    if (site.restoring) return;
    await withHeartbeat(() => store.removePrefix(site.prefix));
  }

  async function readManifest(site: SitePlan): Promise<SiteManifest> {
    const raw = await store.getBuffer(releaseKeys.manifest(site.prefix));
    if (!raw) throw ApplicationFailure.nonRetryable(`The release's files are not in object storage (${site.prefix}); it cannot be served.`, 'ReleaseMissing');
    return parseManifest(raw);
  }

  /**
   * VERIFY: the release is complete in storage (its manifest), has an index.html, is put on the
   * site server's disk, and answers 2xx on / and on the health check path through the edge,
   * under its preview host. Only then may ROUTE point the app's host at it.
   */
  async function verifySite(plan: DeploymentPlan): Promise<void> {
    const site = siteOf(plan);
    await withHeartbeat(async () => {
      const manifest = await readManifest(site);
      if (!manifest.files.some((f) => f.path === 'index.html')) {
        throw ApplicationFailure.nonRetryable(
          `The site has no index.html at the root of its output directory ("${site.outputDirectory}"); ${manifest.files.length} files were found.`,
          'MissingIndex',
        );
      }
      const how = await publisher.materialize({
        appId: plan.appId,
        releaseId: site.releaseId,
        prefix: site.prefix,
        manifest,
        spaFallback: site.spaFallback,
        localDir: site.restoring ? undefined : stagingDir(settings, plan.deploymentId),
      });
      await projection.appendLogs(plan.deploymentId, [
        {
          stream: 'system',
          line:
            how === 'present'
              ? `Release ${site.releaseId} is on the site server already`
              : `Put release ${site.releaseId} on the site server (${manifest.files.length} files, ${how})`,
        },
      ]);
      await publisher.point(site.previewHost, plan.appId, site.releaseId);
      await edge.setRoute(site.previewHost, site.upstream);
      try {
        for (const path of [...new Set(['/', plan.healthCheckPath])]) {
          const status = await getThroughEdge(settings.edgePort, site.previewHost, path);
          if (status < 200 || status > 299) {
            throw ApplicationFailure.nonRetryable(
              `Check failed: GET ${path} answered HTTP ${status} through the edge (preview of the new release). Is healthCheckPath a file of the site?`,
              'HealthCheckFailed',
            );
          }
        }
        await projection.appendLogs(plan.deploymentId, [
          { stream: 'system', line: `Checked the release through the edge: GET / and ${plan.healthCheckPath} answer 2xx` },
        ]);
      } finally {
        await edge.removeRoute(site.previewHost);
        await publisher.unpoint(site.previewHost);
      }
    });
  }

  /** Compensation for VERIFY: the release leaves the site server's disk unless a host serves it. */
  async function discardSiteRelease(plan: DeploymentPlan): Promise<void> {
    const site = siteOf(plan);
    await edge.removeRoute(site.previewHost);
    await publisher.unpoint(site.previewHost);
    await publisher.removeRelease(plan.appId, site.releaseId, [plan.host]);
  }

  /** ROUTE: the app's host switches to the release in one rename; returns the release it served before. */
  async function publishSite(plan: DeploymentPlan): Promise<string | null> {
    const site = siteOf(plan);
    const before = await publisher.point(plan.host, plan.appId, site.releaseId);
    await edge.setRoute(plan.host, site.upstream);
    await projection.appendLogs(plan.deploymentId, [
      {
        stream: 'system',
        line: `Published: ${plan.host} now serves release ${site.releaseId}${before && before !== site.releaseId ? ` (was ${before})` : ''}`,
      },
    ]);
    return before;
  }

  /** Compensation for ROUTE: back to the release served before, or no route when there was none. */
  async function restoreSite(plan: DeploymentPlan, previousReleaseId: string | null): Promise<void> {
    if (previousReleaseId) {
      await publisher.point(plan.host, plan.appId, previousReleaseId);
    } else {
      await edge.removeRoute(plan.host);
      await publisher.unpoint(plan.host);
    }
  }

  /** RETIRE: releases beyond those kept for rollback leave storage and the site server's disk. */
  async function retireSiteReleases(plan: DeploymentPlan): Promise<void> {
    await withHeartbeat(async () => {
      for (const { prefix, deploymentIds } of await projection.prunableSiteReleases(plan.appId, settings.keepReleases, plan.previewId ?? null)) {
        if (!prefix.startsWith(`sites/${plan.appId}/`)) continue;
        const removed = await store.removePrefix(prefix);
        await publisher.removeRelease(plan.appId, releaseIdOf(prefix), [plan.host]);
        await projection.markImagePruned(deploymentIds);
        await projection.appendLogs(plan.deploymentId, [
          { stream: 'system', line: `Pruned release ${releaseIdOf(prefix)} (${removed} objects; more than ${settings.keepReleases} releases kept)` },
        ]);
      }
    });
  }

  /** After the deployment, whatever its outcome: the staging files and the uploaded archive go. */
  async function cleanupSiteWork(plan: DeploymentPlan): Promise<void> {
    await rm(stagingDir(settings, plan.deploymentId), { recursive: true, force: true });
    await rm(`${stagingDir(settings, plan.deploymentId)}.zip`, { force: true });
    if (plan.site?.uploadId) await store.remove(siteUploadKey(plan.appId, plan.site.uploadId));
  }

  return {
    buildSite: (plan: DeploymentPlan, commitSha: string) => reportedStep(projection, plan, 'BUILD', () => buildSite(plan, commitSha)),
    unpackSiteUpload: (plan: DeploymentPlan) => reportedStep(projection, plan, 'BUILD', () => unpackSiteUpload(plan), 'BUILDING'),
    uploadSite: (plan: DeploymentPlan) => reportedStep(projection, plan, 'UPLOAD', () => uploadSite(plan), 'DEPLOYING'),
    verifySite: (plan: DeploymentPlan) => reportedStep(projection, plan, 'VERIFY', () => verifySite(plan), 'VERIFYING'),
    publishSite: (plan: DeploymentPlan) => reportedStep(projection, plan, 'ROUTE', () => publishSite(plan)),
    retireSiteReleases: (plan: DeploymentPlan) => reportedStep(projection, plan, 'RETIRE', () => retireSiteReleases(plan)),
    discardSiteUpload,
    discardSiteRelease,
    restoreSite,
    cleanupSiteWork,
  };
}

/** A directory of the checkout, resolved (symlinks included) and checked to stay inside it. */
async function insideCheckout(checkout: string, relative: string): Promise<string> {
  const root = await realpath(checkout);
  let dir: string;
  try {
    dir = await realpath(join(root, relative));
  } catch {
    throw ApplicationFailure.nonRetryable(`"${relative}" does not exist in the repository.`, 'MissingDirectory');
  }
  if (dir !== root && !dir.startsWith(root + sep)) throw ApplicationFailure.nonRetryable(`"${relative}" points outside the repository.`, 'InvalidPath');
  if (!(await stat(dir)).isDirectory()) throw ApplicationFailure.nonRetryable(`"${relative}" is not a directory.`, 'InvalidPath');
  return dir;
}

/** One GET through the edge with the given Host (fetch cannot set Host); resolves to the status. */
function getThroughEdge(edgePort: number, host: string, path: string, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: edgePort, path, headers: { host }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from the edge within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
