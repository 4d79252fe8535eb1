// Simulated messages enter Attune through the real ingest path: the same validation,
// normalisation, identity resolution, consent handling and rollups as the HTTP API.
import { ingestMessages, prepareMessages, type IngestedMessage } from '../ingest/index.js';
import type { SimMessage } from '../sim/index.js';
import type { Store } from '../store/index.js';

/**
 * Messages per transaction. The simulator emits a member's messages spread over a whole chunk
 * (week by week), so large transactions load and save each member's profile once instead of
 * once per few thousand messages, and commit (fsync) far less often.
 */
const CHUNK = 200_000;

export interface SimIngestResult {
  accepted: number;
  duplicates: number;
}

/** Validates and normalises simulated messages; an invalid one is a bug in the simulator, not input. */
export function prepareSimulated(messages: readonly SimMessage[], receivedAt: number): IngestedMessage[] {
  const prepared = prepareMessages(messages, receivedAt);
  if (!prepared.ok) throw new Error(`simulated messages failed validation: ${prepared.issues.slice(0, 3).map((x) => `${x.path}: ${x.message}`).join('; ')}`);
  return prepared.items;
}

/** Stores prepared messages, CHUNK per transaction. */
export async function ingestPrepared(store: Store, items: readonly IngestedMessage[], receivedAt: number): Promise<SimIngestResult> {
  const result: SimIngestResult = { accepted: 0, duplicates: 0 };
  for (let i = 0; i < items.length; i += CHUNK) {
    const stored = await ingestMessages(store, i === 0 && items.length <= CHUNK ? items : items.slice(i, i + CHUNK), receivedAt);
    result.accepted += stored.accepted;
    result.duplicates += stored.duplicates;
  }
  return result;
}

/** Ingests messages as received at `receivedAt` (simulated time); invalid ones are a bug, not input. */
export async function ingestSimulated(store: Store, messages: readonly SimMessage[], receivedAt: number): Promise<SimIngestResult> {
  return ingestPrepared(store, prepareSimulated(messages, receivedAt), receivedAt);
}
