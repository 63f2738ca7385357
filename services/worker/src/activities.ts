// Wires the activity factories to real adapters: dockerode, git, HAProxy, PostgreSQL, Temporal.
import {
  DockerAdapter,
  GitAdapter,
  HaproxyEdge,
  ProjectionAdapter,
  RegistryAdapter,
  createDockerActivities,
  createEdgeActivities,
  createGitActivities,
  createHealthActivities,
  createProjectionActivities,
  createScheduleActivities,
  createTeardownActivities,
  dockerFromEnv,
  type ActivitySettings,
  type PlatformActivities,
} from '@paas/activities';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';

export interface Adapters {
  docker: DockerAdapter;
  git: GitAdapter;
  edge: HaproxyEdge;
  registry: RegistryAdapter;
  projection: ProjectionAdapter;
}

export function createAdapters(db: DataSource, env: NodeJS.ProcessEnv = process.env): Adapters {
  if (!env.EDGE_ADMIN_SOCKET || !env.EDGE_ROUTES_MAP) throw new Error('EDGE_ADMIN_SOCKET and EDGE_ROUTES_MAP must be set');
  return {
    docker: new DockerAdapter(dockerFromEnv(env.DOCKER_HOST)),
    git: new GitAdapter(),
    edge: new HaproxyEdge(env.EDGE_ADMIN_SOCKET, env.EDGE_ROUTES_MAP),
    registry: new RegistryAdapter(env.REGISTRY_ADDRESS || '127.0.0.1:5000'),
    projection: new ProjectionAdapter(db),
  };
}

export function createActivities({ docker, git, edge, registry, projection }: Adapters, db: DataSource, temporal: Client, settings: ActivitySettings): PlatformActivities {
  return {
    ...createProjectionActivities(projection, settings),
    ...createGitActivities(git, projection, settings),
    ...createDockerActivities(docker, git, registry, projection, settings),
    ...createHealthActivities(docker, projection),
    ...createEdgeActivities(edge, projection),
    ...createTeardownActivities(docker, edge, settings),
    ...createScheduleActivities(db, temporal),
  };
}
