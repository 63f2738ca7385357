export * from './exit-with-parent.js';
