export * from './consent.js';
export * from './service.js';
