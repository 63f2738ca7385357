export * from './forge-types.js';
export * from './forge-url.js';
export * from './forge-client.js';
