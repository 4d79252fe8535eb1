// Decisions and what follows them: the decision log (with logged probabilities for off-policy
// evaluation), the outbox of messages to deliver, hand-over tasks for people, an audit log,
// event triggers waiting for their time, and the learned outcome counts of each policy arm.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Triggers and learning look events up by name and time.
  await db.schema.createIndex('events_name_received').on('events').columns(['event', 'received_at']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('decision_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('send_at', 'bigint')
    .addColumn('probability', 'double precision', (c) => c.notNull())
    .addColumn('holdout', 'integer', (c) => c.notNull())
    .addColumn('promotional', 'integer', (c) => c.notNull())
    .addColumn('policy_key', 'text')
    .addColumn('model_version', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('rejections', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'bigint')
    .execute();
  await db.schema.createIndex('decisions_profile').on('decisions').columns(['profile_id', 'decided_at']).execute();
  await db.schema.createIndex('decisions_time').on('decisions').columns(['decided_at']).execute();
  await db.schema.createIndex('decisions_learning').on('decisions').columns(['outcome', 'send_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('decision_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('promotional', 'integer', (c) => c.notNull())
    .addColumn('send_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('message', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('provider_id', 'text')
    .execute();
  await db.schema.createIndex('outbox_profile').on('outbox').columns(['profile_id', 'send_at']).execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('tasks_queue').on('tasks').columns(['state', 'priority', 'created_at']).execute();
  await db.schema.createIndex('tasks_profile').on('tasks').columns(['profile_id', 'created_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('entry_id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_subject').on('audit_log').columns(['subject_type', 'subject_id', 'at']).execute();
  await db.schema.createIndex('audit_profile').on('audit_log').columns(['profile_id']).execute();

  await db.schema
    .createTable('triggers')
    .addColumn('trigger_id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('event_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('source_message_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triggers_due').on('triggers').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('triggers_profile').on('triggers').columns(['profile_id']).execute();

  await db.schema
    .createTable('policy_arms')
    .addColumn('policy_key', 'text', (c) => c.primaryKey())
    .addColumn('successes', 'double precision', (c) => c.notNull())
    .addColumn('failures', 'double precision', (c) => c.notNull())
    .addColumn('penalties', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
