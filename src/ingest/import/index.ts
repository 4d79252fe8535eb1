export * from './events.js';
export * from './orders.js';
