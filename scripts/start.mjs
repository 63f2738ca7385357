// `npm start`: installs what is missing, then runs the whole platform in the foreground
// until SIGINT/SIGTERM, and stops everything it started.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ensure = spawnSync(process.execPath, [join(root, 'scripts/ensure-system.mjs'), '--for=start'], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);

const { readStackConfig, startStack } = await import('@paas/supervisor');
const config = readStackConfig(root);
let stack;
try {
  stack = await startStack(config);
} catch (err) {
  console.error(`\nThe platform did not start: ${err.message}`);
  process.exit(1);
}

console.log(`
PaaS is up.
  Console   ${stack.gatewayUrl}/   (sign in with the admin token below)
  GraphQL   ${stack.gatewayUrl}/graphql   (WebSocket subscriptions on the same path)
  Health    ${stack.gatewayUrl}/healthz
  Apps      http://<app>.${config.baseDomain}:${config.edgePort}/
  Data dir  ${config.dataDir}   (logs in ${join(config.dataDir, 'logs')})`);
if (stack.adminTokenCreated) {
  console.log(
    `\n  Admin token (shown once; also in ${join(config.dataDir, 'secrets.json')}):\n  ${stack.adminToken}\n  Use it as: Authorization: Bearer <token>`,
  );
}
console.log('\nPress Ctrl+C to stop.');

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the platform…`);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// a closed terminal: stop cleanly rather than die and leave the detached children running
process.on('SIGHUP', () => void shutdown('SIGHUP'));

// a crashed gateway, worker or Temporal server is restarted by the stack; deployments resume
