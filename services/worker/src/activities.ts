// Wires the activity factories to real adapters: dockerode, git, HAProxy, PostgreSQL, Temporal, Kubernetes.
import {
  DockerAdapter,
  GitAdapter,
  HaproxyEdge,
  ObjectStore,
  ProjectionAdapter,
  SiteBuilder,
  SitePublisher,
  RegistryAdapter,
  BuildSandbox,
  createDockerActivities,
  createEdgeActivities,
  createFinalStateActivities,
  createGitActivities,
  createHealthActivities,
  createProjectionActivities,
  createScheduleActivities,
  createBuildQueueActivities,
  createStaticSiteActivities,
  createTeardownActivities,
  createKubernetesActivities,
  createCommitStatusActivities,
  publicUrlFromEnv,
  createPreviewActivities,
  createNotificationActivities,
  NotificationSender,
  smtpFromEnv,
  KubernetesAdapter,
  PreviewStore,
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
  store: ObjectStore;
  publisher: SitePublisher;
  builder: SiteBuilder;
  sandbox: BuildSandbox;
  /** Only with a cluster (KUBECONFIG, which the supervisor sets for PAAS_KUBERNETES=embedded). */
  kube: KubernetesAdapter | null;
}

export function createAdapters(db: DataSource, settings: ActivitySettings, env: NodeJS.ProcessEnv = process.env): Adapters {
  if (!env.EDGE_ADMIN_SOCKET || !env.EDGE_ROUTES_MAP) throw new Error('EDGE_ADMIN_SOCKET and EDGE_ROUTES_MAP must be set');
  const { s3 } = settings.sites;
  const store = new ObjectStore(s3.endpoint, s3.accessKey, s3.secretKey, s3.bucket);
  // one engine client, owned by the two Docker adapters; nothing else sees it
  const dockerClient = dockerFromEnv(env.DOCKER_HOST);
  const docker = new DockerAdapter(dockerClient);
  return {
    docker,
    store,
    publisher: new SitePublisher(settings.sites.sitesDir, store),
    builder: new SiteBuilder(dockerClient),
    git: new GitAdapter(),
    edge: new HaproxyEdge(env.EDGE_ADMIN_SOCKET, env.EDGE_ROUTES_MAP),
    registry: new RegistryAdapter(env.REGISTRY_ADDRESS || '127.0.0.1:5000'),
    projection: new ProjectionAdapter(db, settings.logs),
    sandbox: new BuildSandbox(docker, settings.build, env.REGISTRY_ADDRESS || '127.0.0.1:5000'),
    kube: env.KUBECONFIG ? KubernetesAdapter.fromKubeconfig(env.KUBECONFIG) : null,
  };
}

export function createActivities(
  { docker, git, edge, registry, projection, store, publisher, builder, sandbox, kube }: Adapters,
  db: DataSource,
  temporal: Client,
  settings: ActivitySettings,
): PlatformActivities {
  return {
    ...createProjectionActivities(projection, settings),
    ...createFinalStateActivities(projection),
    ...createGitActivities(git, projection, settings),
    ...createDockerActivities(docker, git, registry, projection, sandbox, settings),
    ...createHealthActivities(docker, projection),
    ...createEdgeActivities(edge, projection),
    ...createTeardownActivities(docker, edge, store, publisher, settings, kube),
    ...createKubernetesActivities(kube, projection, settings),
    ...createStaticSiteActivities({ builder, git, store, publisher, edge, projection, sandbox }, settings),
    ...createScheduleActivities(db, temporal),
    ...createBuildQueueActivities(db, projection),
    ...createCommitStatusActivities(db, projection, publicUrlFromEnv()),
    ...createNotificationActivities(db, new NotificationSender(smtpFromEnv()), publicUrlFromEnv(), temporal),
    ...createPreviewActivities({ docker, edge, store, publisher, registry, previews: new PreviewStore(db) }, settings),
  };
}
