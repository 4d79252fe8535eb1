export * from './explain.js';
export * from './stored.js';
