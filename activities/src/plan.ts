// What a deployment will do, decided once at its start and kept in workflow history.
// Holds no secrets: env values and git tokens are read by the activities that need them.
import type { DeploymentTiming } from './settings.js';

export interface ReleaseRef {
  deploymentId: string;
  containerName: string;
  upstream: string | null;
}

/** STATIC apps only: where the release's files come from, live and are served. */
export interface SitePlan {
  /** The deployment whose files this release serves: this one, or the source of a rollback. */
  releaseId: string;
  /** Object-storage prefix of the release (immutable once its manifest is written). */
  prefix: string;
  /** True for a rollback: the files exist already, nothing is built or uploaded. */
  restoring: boolean;
  previewHost: string;
  /** The site server the edge sends the app's host to. */
  upstream: string;
  buildImage: string | null;
  buildCommand: string | null;
  outputDirectory: string;
  spaFallback: boolean;
  /** Trigger UPLOAD: the archive to publish instead of a build. */
  uploadId: string | null;
  /** The release the app's host serves now (null for a first deployment). */
  previousReleaseId: string | null;
}

/** KUBERNETES apps only: where and how many (absent in plans made before Kubernetes apps existed). */
export interface KubernetesPlan {
  /** One namespace per team. */
  namespace: string;
  /** The Deployment, Service and HPA of the app (its name, a DNS label). */
  name: string;
  replicas: number;
  autoscale: { minReplicas: number; maxReplicas: number; targetCpuPercent: number } | null;
  isolation: 'STANDARD' | 'SANDBOXED';
}

export interface DeploymentPlan {
  deploymentId: string;
  appId: string;
  /**
   * Set for a pull request's preview: appName is then `<app>-pr-<n>` (host, containers, network and
   * image repository follow) and only that preview's releases are replaced or pruned. Absent in plans
   * made before previews existed.
   */
  previewId?: string | null;
  /** A preview's URL (where its commit statuses link); null otherwise. */
  previewUrl?: string | null;
  appName: string;
  host: string;
  gitUrl: string;
  branch: string;
  requestedSha: string | null;
  rootDirectory: string;
  dockerfilePath: string;
  port: number;
  healthCheckPath: string;
  /** The release container's size, from the app; absent in plans made before apps had one (the worker's defaults apply). */
  instance?: { memoryMb: number; cpus: number } | null;
  imageTag: string;
  containerName: string;
  network: string;
  previous: ReleaseRef | null;
  /** Set for trigger ROLLBACK: the release to restore, by digest, without rebuilding. */
  rollback: { sourceDeploymentId: string; imageRef: string } | null;
  site?: SitePlan | null;
  kubernetes?: KubernetesPlan | null;
  timing: DeploymentTiming;
}
