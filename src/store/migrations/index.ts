// Migrations in order. Each runs unchanged on SQLite and PostgreSQL; add new ones at the end.
import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as models from './0002_models.js';
import * as decisions from './0003_decisions.js';
import * as reports from './0004_reports.js';
import * as triggerScan from './0005_trigger_scan.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_models': models,
  '0003_decisions': decisions,
  '0004_reports': reports,
  '0005_trigger_scan': triggerScan,
};
