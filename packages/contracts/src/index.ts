export * from './domain.js';
export * from './names.js';
export * from './validation.js';
export * from './workflow-io.js';
export * from './content-types.js';
export * from './previews.js';
