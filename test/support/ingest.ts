// Test helpers: ingest raw Segment messages as the HTTP API would.
import { ingestMessages, prepareBatch, type IngestResult } from '../../src/ingest/index.js';
import type { Store } from '../../src/store/index.js';

export async function ingestRaw(store: Store, messages: Array<Record<string, unknown>>, receivedAt = Date.now()): Promise<IngestResult> {
  const prepared = prepareBatch({ batch: messages }, receivedAt);
  if (!prepared.ok) throw new Error(`test batch invalid: ${JSON.stringify(prepared.issues)}`);
  return ingestMessages(store, prepared.items, receivedAt);
}

/** Every text value in every table, for "no trace left" assertions. */
export async function databaseText(store: Store): Promise<string> {
  const tables = await store.db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await store.db.selectFrom(table.name as never).selectAll().execute();
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}
