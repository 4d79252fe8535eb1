// Raw events: append-only, one row per messageId (the idempotency key).
import type { DataClass } from '../core/index.js';
import type { SegmentMessage } from '../ingest/normalize.js';
import { chunked, parseJson } from './chunks.js';
import { sqliteTransactionHandleOf, type Executor } from './database.js';
import { existingMessageIdsOf, insertEventRows } from './sqlite-fast.js';

export interface EventRow {
  messageId: string;
  profileId: string;
  type: string;
  event: string | null;
  dataClass: DataClass;
  timestamp: number;
  receivedAt: number;
  message: SegmentMessage;
}

/** Which of these messageIds are already stored. */
export async function existingMessageIds(db: Executor, messageIds: readonly string[]): Promise<Set<string>> {
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) return existingMessageIdsOf(sqlite, messageIds);
  const found = new Set<string>();
  for (const chunk of chunked([...new Set(messageIds)])) {
    const rows = await db.selectFrom('events').select('message_id').where('message_id', 'in', chunk).execute();
    for (const row of rows) found.add(row.message_id);
  }
  return found;
}

export async function insertEvents(db: Executor, events: readonly EventRow[]): Promise<void> {
  const sqlite = sqliteTransactionHandleOf(db);
  if (sqlite !== undefined) {
    insertEventRows(sqlite, events, (e) => [e.messageId, e.profileId, e.type, e.event, e.dataClass, e.timestamp, e.receivedAt, JSON.stringify(e.message)]);
    return;
  }
  // 8 columns per row keeps a chunk far below SQLite's and PostgreSQL's parameter limits.
  for (const chunk of chunked(events, 500)) {
    await db
      .insertInto('events')
      .values(chunk.map((e) => ({
        message_id: e.messageId, profile_id: e.profileId, type: e.type, event: e.event, data_class: e.dataClass,
        timestamp: e.timestamp, received_at: e.receivedAt, payload: JSON.stringify(e.message),
      })))
      .execute();
  }
}

type EventSelect = {
  message_id: string; profile_id: string; type: string; event: string | null; data_class: string;
  timestamp: number; received_at: number; payload: string;
};

function toEventRow(row: EventSelect): EventRow {
  return {
    messageId: row.message_id, profileId: row.profile_id, type: row.type, event: row.event,
    dataClass: row.data_class as DataClass, timestamp: Number(row.timestamp), receivedAt: Number(row.received_at),
    message: parseJson<SegmentMessage>(row.payload, {} as SegmentMessage),
  };
}

/** All events of these profiles in time order (to rebuild stats after a merge). */
export async function eventsOfProfiles(db: Executor, profileIds: readonly string[]): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  for (const chunk of chunked([...new Set(profileIds)])) {
    const found = await db.selectFrom('events').selectAll().where('profile_id', 'in', chunk).execute();
    rows.push(...found.map(toEventRow));
  }
  return rows.sort((a, b) => a.timestamp - b.timestamp || a.receivedAt - b.receivedAt);
}

export interface EventCursor {
  timestamp: number;
  messageId: string;
}

export interface EventPage {
  events: EventRow[];
  /** Pass back as `after` for the next (older) page; absent on the last page. */
  next?: EventCursor;
}

/** A profile's events, newest first, with optional class filter and time bounds. */
export async function listEvents(
  db: Executor,
  profileId: string,
  options: { limit: number; after?: EventCursor; from?: number; to?: number; dataClasses?: readonly DataClass[] },
): Promise<EventPage> {
  let query = db.selectFrom('events').selectAll().where('profile_id', '=', profileId);
  const after = options.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('timestamp', '<', after.timestamp), eb.and([eb('timestamp', '=', after.timestamp), eb('message_id', '>', after.messageId)])]),
    );
  }
  if (options.from !== undefined) query = query.where('timestamp', '>=', options.from);
  if (options.to !== undefined) query = query.where('timestamp', '<', options.to);
  if (options.dataClasses !== undefined) query = query.where('data_class', 'in', [...options.dataClasses]);
  const rows = await query.orderBy('timestamp', 'desc').orderBy('message_id').limit(options.limit + 1).execute();
  const events = rows.slice(0, options.limit).map(toEventRow);
  const last = events[events.length - 1];
  return rows.length > options.limit && last !== undefined ? { events, next: { timestamp: last.timestamp, messageId: last.messageId } } : { events };
}

export async function countEvents(db: Executor): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface EventHead {
  messageId: string;
  profileId: string;
  event: string;
  timestamp: number;
  receivedAt: number;
}

/** A position in the receipt order of one event name: after this receipt time and message id. */
export interface ReceiptCursor {
  receivedAt: number;
  messageId: string;
}

/**
 * Events of one name received after a cursor, in (received_at, message_id) order, for trigger
 * scanning. One range of the index (event, received_at, message_id): events that share a receipt
 * time (one import, one simulated history) are not sorted again for every page.
 */
export async function eventsReceivedAfter(db: Executor, name: string, after: ReceiptCursor, limit: number): Promise<EventHead[]> {
  const rows = await db
    .selectFrom('events')
    .select(['message_id', 'profile_id', 'event', 'timestamp', 'received_at'])
    .where('event', '=', name)
    .where((eb) => eb(eb.refTuple('received_at', 'message_id'), '>', eb.tuple(after.receivedAt, after.messageId)))
    .orderBy('received_at')
    .orderBy('message_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ messageId: r.message_id, profileId: r.profile_id, event: r.event ?? '', timestamp: Number(r.timestamp), receivedAt: Number(r.received_at) }));
}

/** Named events of these profiles with timestamps in [from, to). */
export async function eventsOfProfilesBetween(db: Executor, profileIds: readonly string[], names: readonly string[], from: number, to: number): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  for (const chunk of chunked([...new Set(profileIds)])) {
    const found = await db
      .selectFrom('events')
      .selectAll()
      .where('profile_id', 'in', chunk)
      .where('timestamp', '>=', from)
      .where('timestamp', '<', to)
      .where('event', 'in', [...names])
      .execute();
    rows.push(...found.map(toEventRow));
  }
  return rows;
}
