// Indexes the measurement reports read by (src/store/reports.ts). Reports scan a time window
// across all members, or one page of members at a time, so they need time- and name-ordered
// access paths that the write-side indexes do not give.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A page of members' events in a window, and "what followed this touch within 48 h": the event
  // name in the index answers both without reading the (large) payload rows. It extends
  // events_profile_time, which it replaces (every query that used that one can use this one).
  await db.schema.createIndex('events_profile_time_name').on('events').columns(['profile_id', 'timestamp', 'event']).execute();
  await db.schema.dropIndex('events_profile_time').execute();
  // Named events across all members in a window (surveys, complaints, support messages, first orders).
  await db.schema.createIndex('events_name_time').on('events').columns(['event', 'timestamp']).execute();
  // Touches by the time they were sent (ethical health) without reading the message rows; tasks by creation time.
  await db.schema.createIndex('outbox_sent').on('outbox').columns(['sent_at', 'profile_id', 'action', 'channel', 'decision_id']).execute();
  await db.schema.createIndex('tasks_created').on('tasks').columns(['created_at']).execute();
  // Weekly decision counts read this index alone instead of the decision rows with their JSON.
  await db.schema.createIndex('decisions_week').on('decisions').columns(['decided_at', 'holdout', 'action', 'profile_id']).execute();
}
