export * from './data-source.js';
export * from './entities/app.entity.js';
export * from './entities/env-var.entity.js';
export * from './entities/deployment.entity.js';
export * from './entities/deployment-step.entity.js';
export * from './entities/log-line.entity.js';
export * from './entities/redeploy-schedule.entity.js';
export * from './queued-deployment.js';
