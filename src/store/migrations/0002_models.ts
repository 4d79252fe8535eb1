// Model artifacts (one row per model per training run) and each profile's latest scores.
// Scores are personal data (keyed by profile_id, listed in personal-data.ts); artifacts hold
// only population-level parameters.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('model_artifacts')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'bigint', (c) => c.notNull())
    .addColumn('window_from', 'bigint', (c) => c.notNull())
    .addColumn('window_to', 'bigint', (c) => c.notNull())
    .addColumn('data_classes', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_artifacts_pk', ['model', 'version'])
    .execute();
  await db.schema.createIndex('model_artifacts_version').on('model_artifacts').column('version').execute();

  await db.schema
    .createTable('profile_scores')
    .addColumn('profile_id', 'text', (c) => c.primaryKey())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'bigint', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('profile_scores_version').on('profile_scores').column('model_version').execute();
}
