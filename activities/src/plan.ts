// What a deployment will do, decided once at its start and kept in workflow history.
// Holds no secrets: env values and git tokens are read by the activities that need them.
import type { DeploymentTiming } from './settings.js';

export interface ReleaseRef {
  deploymentId: string;
  containerName: string;
  upstream: string | null;
}

export interface DeploymentPlan {
  deploymentId: string;
  appId: string;
  appName: string;
  host: string;
  gitUrl: string;
  branch: string;
  requestedSha: string | null;
  rootDirectory: string;
  dockerfilePath: string;
  port: number;
  healthCheckPath: string;
  imageTag: string;
  containerName: string;
  network: string;
  previous: ReleaseRef | null;
  /** Set for trigger ROLLBACK: the release to restore, by digest, without rebuilding. */
  rollback: { sourceDeploymentId: string; imageRef: string } | null;
  timing: DeploymentTiming;
}
