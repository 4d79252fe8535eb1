export * from './consent.js';
export * from './events.js';
export * from './random.js';
import './validation.js';
export * from './time.js';
export type * from './catalog.js';
export type * from './decision.js';
export * from './segments.js';
