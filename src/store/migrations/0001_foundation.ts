// The foundation schema: profiles, the identity graph, raw events, audit logs, keys, catalog.
// `profile_id` is on every per-member table: it is the erasure key and the distribution key.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('profile_id', 'text', (c) => c.primaryKey())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('traits', 'text', (c) => c.notNull())
    .addColumn('consent_tier', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('stats', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identifiers')
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_value', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('identifiers_pk', ['id_type', 'id_value'])
    .execute();
  await db.schema.createIndex('identifiers_profile').on('identifiers').column('profile_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('event', 'text')
    .addColumn('data_class', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_profile_time').on('events').columns(['profile_id', 'timestamp']).execute();

  await db.schema
    .createTable('merges')
    .addColumn('merge_id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('into_profile_id', 'text', (c) => c.notNull())
    .addColumn('from_profile_id', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('identifier_type', 'text')
    .execute();
  await db.schema.createIndex('merges_into').on('merges').column('into_profile_id').execute();
  await db.schema.createIndex('merges_from').on('merges').column('from_profile_id').execute();

  await db.schema
    .createTable('consent_log')
    .addColumn('change_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('tier_before', 'text', (c) => c.notNull())
    .addColumn('tier_after', 'text', (c) => c.notNull())
    .addColumn('channels_before', 'text', (c) => c.notNull())
    .addColumn('channels_after', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_log_profile').on('consent_log').columns(['profile_id', 'at']).execute();

  await db.schema
    .createTable('write_keys')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('product_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('price', 'double precision', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('inventory', 'integer')
    .addColumn('sizes', 'text', (c) => c.notNull())
    .addColumn('margin', 'double precision')
    .addColumn('url', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
