export * from './allow-list.js';
export * from './outbound-fetch.js';
export * from './private-address.js';
export * from './check-url.js';
