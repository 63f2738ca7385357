// The environment of a second platform a test starts with `npm start` beside the test stack: the
// test process's environment (the stack's settings among them) minus what would point it at the
// test stack's services, on ports of its own, and without the embedded Kubernetes cluster (one
// cluster serving apps per host: the test stack's).
export function ownPlatformEnv(ports: Record<string, string>, extra: NodeJS.ProcessEnv, drop: string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, PAAS_KUBERNETES: 'off', ...extra };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'REGISTRY_ADDRESS', 'PAAS_ADMIN_TOKEN', 'KUBECONFIG', ...drop]) delete env[k];
  return env;
}
