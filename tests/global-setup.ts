// One real platform for the whole test run (PostgreSQL, Temporal, registry, MinIO, HAProxy,
// Docker, the embedded Kubernetes cluster, gateway, worker), on ports of its own beside a running `npm start`, in a fresh data dir,
// and the test forge (Gitea) the platform signs in with, and the mail server (Mailpit) it sends notification emails to.
import { readStackConfig, startStack, type RunningStack } from '@paas/supervisor';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTestBaseImage } from './helpers/base-image.js';
import { removeTestContainers } from './helpers/docker.js';
import { startGitea, type RunningGitea } from './helpers/gitea.js';
import { startMailpit, type RunningMailpit } from './helpers/mailpit.js';

// PAAS_TEST_PORT_OFFSET moves every port, so two test runs can share one machine (and one Docker engine)
const offset = Number(process.env.PAAS_TEST_PORT_OFFSET || 0);
const port = (p: number) => String(p + offset);
export const TEST_PORTS = {
  PAAS_PORT: port(14000),
  PAAS_EDGE_PORT: port(18080),
  PAAS_SITE_PORT: port(18081),
  PAAS_PG_PORT: port(15432),
  PAAS_TEMPORAL_PORT: port(17233),
  PAAS_REGISTRY_PORT: port(15000),
  PAAS_S3_PORT: port(19000),
};
const GITEA_PORT = 13000 + offset;
/** A stand-in for the GitHub API that tests/e2e/github-app.test.ts starts; the platform may call it. */
const FAKE_GITHUB_PORT = 13050 + offset;
/** Mailpit: the platform's SMTP server (PAAS_SMTP_URL) and the HTTP API the tests read the emails with. */
const MAILPIT_SMTP_PORT = 13025 + offset;
const MAILPIT_HTTP_PORT = 13026 + offset;
/** Where tests/e2e/notifications.test.ts serves its webhook receivers; PAAS_OUTBOUND_ALLOW lists these (and no other loopback port). */
const NOTIFY_RECEIVER_PORTS = [13027 + offset, 13028 + offset];
// the embedded Kubernetes cluster (one for the whole run): API port and the next nine are its own,
// and a pod subnet of its own beside `npm start`'s 10.244.0.0/24 and the medium tier's
// PAAS_TEST_KUBERNETES=off (for a developer working on something else beside a run that has the
// cluster: only one embedded cluster per host can serve apps) starts none and skips the Kubernetes
// tests; CI never sets it.
const KUBERNETES =
  process.env.PAAS_TEST_KUBERNETES === 'off'
    ? { PAAS_KUBERNETES: 'off' }
    : {
        PAAS_KUBERNETES: 'embedded',
        PAAS_KUBERNETES_API_PORT: port(16443),
        PAAS_KUBERNETES_POD_SUBNET: `10.244.${100 + (Math.floor(offset / 100) % 100)}.0/24`,
        PAAS_KUBERNETES_SCALE_DOWN_SEC: '10', // the autoscaling test waits for the fall back; the default is 60
      };

interface SharedStack {
  refs: number;
  started?: Promise<{ stack: RunningStack; dataDir: string; gitea: RunningGitea; mailpit: RunningMailpit }>;
}
// Each test project runs this setup; they share one stack (the module may be loaded once per project).
const shared: SharedStack = ((globalThis as Record<symbol, SharedStack>)[Symbol.for('paas.test.stack')] ??= { refs: 0 });

export async function setup(project: TestProject): Promise<void> {
  shared.refs++;
  shared.started ??= startTestStack();
  const { stack, dataDir, gitea, mailpit } = await shared.started;
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('adminToken', stack.adminToken);
  project.provide('edgePort', stack.config.edgePort);
  project.provide('baseDomain', stack.config.baseDomain);
  project.provide('dataDir', dataDir);
  project.provide('registry', `127.0.0.1:${stack.config.registryPort}`);
  project.provide('temporalAddress', `127.0.0.1:${stack.config.temporalPort}`);
  project.provide('s3', { endpoint: stack.env.S3_ENDPOINT!, accessKey: stack.env.S3_ACCESS_KEY!, secretKey: stack.env.S3_SECRET_KEY!, bucket: 'paas' });
  project.provide('databaseUrl', stack.env.DATABASE_URL!);
  project.provide('gitea', { url: gitea.url, admin: gitea.admin });
  project.provide('fakeGithubPort', FAKE_GITHUB_PORT);
  project.provide('mailpitUrl', mailpit.url);
  project.provide('notifyReceiverPorts', NOTIFY_RECEIVER_PORTS);
  project.provide('kubeconfig', stack.env.KUBECONFIG ?? '');
}

export async function teardown(): Promise<void> {
  if (--shared.refs > 0 || !shared.started) return;
  const { stack, dataDir, gitea, mailpit } = await shared.started;
  await removeTestContainers(`127.0.0.1:${TEST_PORTS.PAAS_REGISTRY_PORT}/`).catch((err) => console.error(err));
  await stack.stop();
  await gitea.stop();
  await mailpit.stop();
  if (!process.env.PAAS_TEST_DATA_DIR && !process.env.PAAS_TEST_KEEP) rmSync(dataDir, { recursive: true, force: true });
}

async function startTestStack(): Promise<{ stack: RunningStack; dataDir: string; gitea: RunningGitea; mailpit: RunningMailpit }> {
  const root = resolve(import.meta.dirname, '..');
  const dataDir = process.env.PAAS_TEST_DATA_DIR || mkdtempSync(join(tmpdir(), 'paas-test-'));
  // first, so that the stack starts with the forge's OAuth2 client in its environment
  const gitea = await startForge(dataDir);
  const mailpit = await startMailpit({ smtpPort: MAILPIT_SMTP_PORT, httpPort: MAILPIT_HTTP_PORT, workDir: join(dataDir, 'mailpit') }).catch(async (err) => {
    await gitea.server.stop();
    throw err;
  });
  const env = {
    ...process.env,
    ...TEST_PORTS,
    ...gitea.env,
    ...KUBERNETES,
    PAAS_DATA_DIR: dataDir,
    PAAS_ADMIN_TOKEN: 'test-admin-token',
    // fast failure paths for tests; the defaults are for real apps
    PAAS_HEALTH_TIMEOUT_MS: '8000',
    PAAS_HEALTH_INTERVAL_MS: '200',
    PAAS_RETIRE_GRACE_MS: '2000', // long enough for the warm-rollback test to catch the old release running
    PAAS_STOP_TIMEOUT_SEC: '2',
    PAAS_FAULT_PAUSE_DIR: join(dataDir, 'faults'),
    PAAS_KEEP_RELEASES: '2',
    PAAS_SITE_MAX_UPLOAD_MB: '2', // the archive-size test stays small; the default is 50
    // build and log limits the hostile-build tests can reach quickly; the defaults are 2048, 1024, 100 and 10
    PAAS_BUILD_MEMORY_MB: '256',
    PAAS_BUILD_PIDS: '200',
    PAAS_BUILD_MAX_OUTPUT_MB: '8',
    PAAS_LOG_MAX_MB: '2',
    PAAS_METRICS_INTERVAL_SEC: '2', // the metrics test wants points within seconds; the default is 10
    PAAS_METRICS_TOKEN: 'test-metrics-token',
    PAAS_MIN_REDEPLOY_INTERVAL_SEC: '5', // the schedule test fires every 5 s; the default is 60
    PAAS_GIT_FILE_ROOTS: `${tmpdir()},${root}`, // fixture repos and the sample app; the hostile-input test keeps a repo outside
    PAAS_SMTP_URL: mailpit.smtpUrl,
    PAAS_SMTP_FROM: 'paas-tests@example.test',
    PAAS_OUTBOUND_ALLOW: [gitea.env.PAAS_OUTBOUND_ALLOW, ...NOTIFY_RECEIVER_PORTS.map((p) => `127.0.0.1:${p}`)].join(','),
  };
  mkdirSync(env.PAAS_FAULT_PAUSE_DIR, { recursive: true });
  // KUBECONFIG would make the stack use that cluster instead of its own
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'REGISTRY_ADDRESS', 'KUBECONFIG'] as const) delete (env as NodeJS.ProcessEnv)[k];
  Object.assign(process.env, env);
  const config = readStackConfig(root, env);
  try {
    const stack = await startStack(config, { log: (l) => console.log(`[stack] ${l}`) });
    await ensureTestBaseImage();
    return { stack, dataDir, gitea: gitea.server, mailpit };
  } catch (err) {
    await gitea.server.stop();
    await mailpit.stop();
    throw err;
  }
}

/** Gitea with an OAuth2 application whose callback is the gateway's, and the settings that name them. */
async function startForge(dataDir: string): Promise<{ server: RunningGitea; env: Record<string, string> }> {
  const t0 = Date.now();
  const server = await startGitea({ port: GITEA_PORT, workDir: join(dataDir, 'gitea') });
  try {
    const app = await server.createOAuth2App({
      name: 'paas-tests',
      redirectUris: [`http://127.0.0.1:${TEST_PORTS.PAAS_PORT}/auth/forge/gitea/callback`],
      confidential: true,
    });
    console.log(`[stack] Gitea ready at ${server.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const env = {
      PAAS_AUTH_GITEA_URL: server.url,
      PAAS_AUTH_GITEA_CLIENT_ID: app.clientId,
      PAAS_AUTH_GITEA_CLIENT_SECRET: app.clientSecret,
      // the gateway's outbound calls (token exchange, userinfo) may reach this one loopback address
      PAAS_OUTBOUND_ALLOW: `127.0.0.1:${GITEA_PORT},127.0.0.1:${FAKE_GITHUB_PORT}`,
    };
    return { server, env };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
