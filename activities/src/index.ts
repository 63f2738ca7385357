// Activities are factories over injected adapters; the worker wires them (services/worker).
export * from './settings.js';
export * from './plan.js';
export * from './git/git.adapter.js';
export * from './git/git.activities.js';
export * from './docker/docker.adapter.js';
export * from './docker/docker.activities.js';
export * from './edge/edge.adapter.js';
export * from './edge/edge.activities.js';
export * from './health/health.activities.js';
export * from './health/http-probe.js';
export * from './projection/projection.adapter.js';
export * from './projection/projection.activities.js';
export * from './projection/log-writer.js';
export * from './teardown.activities.js';
export * from './schedule/schedule.activities.js';
export * from './monitor/release-monitor.js';
export * from './types.js';
