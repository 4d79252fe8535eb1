// Hot ingest paths on SQLite with cached prepared statements, one row at a time. Inside a
// transaction SQLite executes these in microseconds; building a query tree per multi-row insert
// or IN list (the portable path, still used on PostgreSQL) costs several times more per row.
// Callers use them only inside inTransaction (sqliteTransactionHandleOf): elsewhere the raw handle
// would bypass Kysely's queue and see, or join, a transaction in progress.
import type { SqliteHandle } from './database.js';

export type EventTuple = readonly [string, string, string, string | null, string, number, number, string];

/** Inserts rows made one at a time by `toRow`, so that only one payload string is alive at once. */
export function insertEventRows<T>(handle: SqliteHandle, items: readonly T[], toRow: (item: T) => EventTuple): void {
  const statement = handle.prepare(
    'insert into "events" ("message_id", "profile_id", "type", "event", "data_class", "timestamp", "received_at", "payload") values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const item of items) statement.run(toRow(item));
}

export function existingMessageIdsOf(handle: SqliteHandle, ids: readonly string[]): Set<string> {
  const statement = handle.prepare('select 1 from "events" where "message_id" = ?').pluck();
  const found = new Set<string>();
  for (const id of ids) if (statement.get(id) !== undefined) found.add(id);
  return found;
}

export function upsertProfileRows(handle: SqliteHandle, rows: ReadonlyArray<readonly [string, number, number, string, string, string, string | null, string]>): void {
  const statement = handle.prepare(
    'insert into "profiles" ("profile_id", "first_seen_at", "updated_at", "traits", "consent_tier", "channels", "timezone", "stats") values (?, ?, ?, ?, ?, ?, ?, ?) ' +
      'on conflict ("profile_id") do update set "first_seen_at" = excluded."first_seen_at", "updated_at" = excluded."updated_at", "traits" = excluded."traits", ' +
      '"consent_tier" = excluded."consent_tier", "channels" = excluded."channels", "timezone" = excluded."timezone", "stats" = excluded."stats"',
  );
  for (const row of rows) statement.run(row);
}

export type ProfileTuple = {
  profile_id: string; first_seen_at: number; updated_at: number; traits: string; consent_tier: string;
  channels: string; timezone: string | null; stats: string;
};

/** Profile rows by id, one indexed lookup each (ids already unique). */
export function selectProfileRows(handle: SqliteHandle, ids: readonly string[]): ProfileTuple[] {
  const statement = handle.prepare('select * from "profiles" where "profile_id" = ?');
  const rows: ProfileTuple[] = [];
  for (const id of ids) {
    const row = statement.get(id) as ProfileTuple | undefined;
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/** The profile holding each (type, value), where one does. */
export function selectIdentifierOwners(handle: SqliteHandle, keys: ReadonlyArray<readonly [string, string]>): Array<{ id_type: string; id_value: string; profile_id: string }> {
  const statement = handle.prepare('select "profile_id" from "identifiers" where "id_type" = ? and "id_value" = ?').pluck();
  const rows: Array<{ id_type: string; id_value: string; profile_id: string }> = [];
  for (const [type, value] of keys) {
    const profileId = statement.get(type, value) as string | undefined;
    if (profileId !== undefined) rows.push({ id_type: type, id_value: value, profile_id: profileId });
  }
  return rows;
}

/** Every identifier of each profile, oldest first within a profile. */
export function selectIdentifiersOf(handle: SqliteHandle, profileIds: readonly string[]): Array<{ id_type: string; id_value: string; profile_id: string }> {
  const statement = handle.prepare('select "id_type", "id_value", "profile_id" from "identifiers" where "profile_id" = ? order by "created_at"');
  const rows: Array<{ id_type: string; id_value: string; profile_id: string }> = [];
  for (const id of profileIds) for (const row of statement.all(id) as Array<{ id_type: string; id_value: string; profile_id: string }>) rows.push(row);
  return rows;
}

export function insertIdentifierRows(handle: SqliteHandle, rows: ReadonlyArray<readonly [string, string, string, number]>): void {
  const statement = handle.prepare('insert into "identifiers" ("id_type", "id_value", "profile_id", "created_at") values (?, ?, ?, ?)');
  for (const row of rows) statement.run(row);
}
