// Wires the activity factories to real adapters: dockerode, git, HAProxy, PostgreSQL.
import {
  DockerAdapter,
  GitAdapter,
  HaproxyEdge,
  ProjectionAdapter,
  createDockerActivities,
  createEdgeActivities,
  createGitActivities,
  createHealthActivities,
  createProjectionActivities,
  createTeardownActivities,
  dockerFromEnv,
  type ActivitySettings,
  type PlatformActivities,
} from '@paas/activities';
import type { DataSource } from 'typeorm';

export function createActivities(db: DataSource, settings: ActivitySettings, env: NodeJS.ProcessEnv = process.env): PlatformActivities {
  if (!env.EDGE_ADMIN_SOCKET || !env.EDGE_ROUTES_MAP) throw new Error('EDGE_ADMIN_SOCKET and EDGE_ROUTES_MAP must be set');
  const docker = new DockerAdapter(dockerFromEnv(env.DOCKER_HOST));
  const git = new GitAdapter();
  const edge = new HaproxyEdge(env.EDGE_ADMIN_SOCKET, env.EDGE_ROUTES_MAP);
  const projection = new ProjectionAdapter(db);
  return {
    ...createProjectionActivities(projection, settings),
    ...createGitActivities(git, projection, settings),
    ...createDockerActivities(docker, git, projection, settings),
    ...createHealthActivities(docker, projection),
    ...createEdgeActivities(edge, projection),
    ...createTeardownActivities(docker, edge, settings),
  };
}
