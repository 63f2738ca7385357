// The activity interface the workflows see (as `import type` only).
import type { createDockerActivities } from './docker/docker.activities.js';
import type { createEdgeActivities } from './edge/edge.activities.js';
import type { createGitActivities } from './git/git.activities.js';
import type { createHealthActivities } from './health/health.activities.js';
import type { createProjectionActivities } from './projection/projection.activities.js';
import type { createFinalStateActivities } from './projection/final-state.activities.js';
import type { createTeardownActivities } from './teardown.activities.js';
import type { createScheduleActivities } from './schedule/schedule.activities.js';
import type { createStaticSiteActivities } from './static/static-site.activities.js';
import type { createBuildQueueActivities } from './quota/build-queue.activities.js';
import type { createKubernetesActivities } from './kubernetes/kubernetes.activities.js';
import type { createCommitStatusActivities } from './forge/commit-status.activities.js';
import type { createPreviewActivities } from './previews/preview.activities.js';
import type { createNotificationActivities } from './notify/notification.activities.js';

export type GitActivities = ReturnType<typeof createGitActivities>;
export type DockerActivities = ReturnType<typeof createDockerActivities>;
export type HealthActivities = ReturnType<typeof createHealthActivities>;
export type EdgeActivities = ReturnType<typeof createEdgeActivities>;
export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
export type FinalStateActivities = ReturnType<typeof createFinalStateActivities>;
export type TeardownActivities = ReturnType<typeof createTeardownActivities>;
export type ScheduleActivities = ReturnType<typeof createScheduleActivities>;
export type StaticSiteActivities = ReturnType<typeof createStaticSiteActivities>;
export type BuildQueueActivities = ReturnType<typeof createBuildQueueActivities>;
export type KubernetesActivities = ReturnType<typeof createKubernetesActivities>;
export type CommitStatusActivities = ReturnType<typeof createCommitStatusActivities>;
export type PreviewActivities = ReturnType<typeof createPreviewActivities>;
export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
export type PlatformActivities = GitActivities &
  DockerActivities &
  HealthActivities &
  EdgeActivities &
  ProjectionActivities &
  FinalStateActivities &
  TeardownActivities &
  ScheduleActivities &
  StaticSiteActivities &
  BuildQueueActivities &
  KubernetesActivities &
  CommitStatusActivities &
  PreviewActivities &
  NotificationActivities;
