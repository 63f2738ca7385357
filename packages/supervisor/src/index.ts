export * from './config.js';
export * from './stack.js';
export * from './managed-process.js';
export * from './wait.js';
export { edgePaths, edgeProcess, haproxyConfig } from './services/edge.js';
export { sitePaths, siteServerConfig, siteServerProcess } from './services/site-server.js';
