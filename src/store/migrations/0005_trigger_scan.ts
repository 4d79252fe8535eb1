// The trigger scan reads named events in (received_at, message_id) order from a cursor. With only
// (event, received_at) indexed, events that share a receipt time — every event of one import or
// of one simulated history — had to be sorted by message id again for every page: quadratic in
// the size of the import. With the message id in the index each page is an index range.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_name_received_id').on('events').columns(['event', 'received_at', 'message_id']).execute();
  await db.schema.dropIndex('events_name_received').execute();
}
