export * from './schema.js';
export * from './validate.js';
export * from './normalize.js';
export * from './pipeline.js';
export * from './writer.js';
export * from './prepare.js';
