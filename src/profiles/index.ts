export * from './stats.js';
export * from './reduce.js';
export * from './lookup.js';
