export * from './config.js';
export * from './stack.js';
export * from './managed-process.js';
export * from './wait.js';
export { edgePaths, edgeProcess, haproxyConfig } from './services/edge.js';
export { sitePaths, siteServerConfig, siteServerProcess } from './services/site-server.js';
export { startEmbeddedCluster, readSandboxRuntimes, type EmbeddedCluster } from './kubernetes/cluster.js';
export type { SandboxRuntime } from './kubernetes/addons.js';
export { embeddedContainerdSocket, KUBERNETES_VERSION, PAUSE_IMAGE } from './kubernetes/layout.js';
