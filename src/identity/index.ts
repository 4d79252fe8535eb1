export * from './identifiers.js';
export * from './graph.js';
