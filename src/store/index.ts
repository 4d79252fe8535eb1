// The only door to the database (DESIGN.md §2).
export * from './database.js';
export * from './personal-data.js';
export * from './identity.js';
export * from './events.js';
export * from './profiles.js';
export * from './consent-log.js';
export * from './settings.js';
export * from './catalog.js';
export * from './lifecycle.js';
export * from './models.js';
export type { Database } from './schema.js';
export * from './decisions.js';
export * from './outbox.js';
export * from './tasks.js';
export * from './triggers.js';
export * from './reports.js';
