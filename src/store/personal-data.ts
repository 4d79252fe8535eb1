// Every table that holds personal data, in one place (DESIGN.md §3): erasure and export walk this
// list, merges move rows along it, and a test proves no table with a profile column is missing.

export interface PersonalDataTable {
  table: string;
  /** Columns that hold a profile id. */
  columns: readonly string[];
  /** Rows follow a merge into the surviving profile (logs of the merge itself do not). */
  followsMerge: boolean;
}

export const PERSONAL_DATA_TABLES: readonly PersonalDataTable[] = [
  { table: 'profiles', columns: ['profile_id'], followsMerge: false },
  { table: 'identifiers', columns: ['profile_id'], followsMerge: true },
  { table: 'events', columns: ['profile_id'], followsMerge: true },
  { table: 'consent_log', columns: ['profile_id'], followsMerge: true },
  { table: 'merges', columns: ['into_profile_id', 'from_profile_id'], followsMerge: false },
  // Scores describe one profile as it was scored; the survivor of a merge is rescored, so they do not move.
  { table: 'profile_scores', columns: ['profile_id'], followsMerge: false },
  { table: 'decisions', columns: ['profile_id'], followsMerge: true },
  { table: 'outbox', columns: ['profile_id'], followsMerge: true },
  { table: 'tasks', columns: ['profile_id'], followsMerge: true },
  { table: 'audit_log', columns: ['profile_id'], followsMerge: true },
  { table: 'triggers', columns: ['profile_id'], followsMerge: true },
];

/** Tables without personal data, listed so the completeness test can tell them from omissions. */
export const NON_PERSONAL_TABLES: readonly string[] = ['write_keys', 'settings', 'products', 'model_artifacts', 'policy_arms', 'kysely_migration', 'kysely_migration_lock'];
