// `attune import events FILE.jsonl`: Segment-format messages, one per line, through the same
// validation and idempotency as the HTTP API. Invalid lines are reported and skipped; valid ones
// are stored in transactions of CHUNK lines. A line without a messageId gets one derived from
// its content, so importing the same file twice stores it once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Store } from '../../store/index.js';
import { normalizeMessage, type IngestedMessage } from '../normalize.js';
import { ingestMessages } from '../pipeline.js';
import { validateTypedMessage } from '../validate.js';

/** The file cannot be imported at all (e.g. a named column is missing); nothing was stored. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

export interface Rejection {
  /** 1-based line (or row) number in the file. */
  line: number;
  path: string;
  message: string;
}

export interface ImportSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first rejections in full; `rejectionsByReason` counts all of them. */
  rejections: Rejection[];
  rejectionsByReason: Record<string, number>;
}

export interface ImportProgress {
  (processed: { lines: number; bytes: number }): void;
}

const CHUNK = 500;
const REJECTIONS_KEPT = 50;

export function emptySummary(): ImportSummary {
  return { lines: 0, accepted: 0, duplicates: 0, rejected: 0, rejections: [], rejectionsByReason: {} };
}

export function reject(summary: ImportSummary, rejection: Rejection): void {
  summary.rejected += 1;
  if (summary.rejections.length < REJECTIONS_KEPT) summary.rejections.push(rejection);
  const reason = `${rejection.path}: ${rejection.message}`;
  summary.rejectionsByReason[reason] = (summary.rejectionsByReason[reason] ?? 0) + 1;
}

/** Stores pending messages in one transaction and counts the result. */
export async function flushChunk(store: Store, pending: IngestedMessage[], summary: ImportSummary): Promise<void> {
  if (pending.length === 0) return;
  const result = await ingestMessages(store, pending);
  summary.accepted += result.accepted;
  summary.duplicates += result.duplicates;
  pending.length = 0;
}

export function contentMessageId(prefix: string, content: string): string {
  return `${prefix}-${createHash('sha256').update(content).digest('base64url').slice(0, 32)}`;
}

export async function importEvents(store: Store, file: string, onProgress?: ImportProgress): Promise<ImportSummary> {
  const summary = emptySummary();
  const pending: IngestedMessage[] = [];
  const input = createReadStream(file);
  let bytes = 0;
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const receivedAt = Date.now();
  for await (const text of lines) {
    summary.lines += 1;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      reject(summary, { line: summary.lines, path: '(line)', message: `invalid JSON: ${(error as Error).message}` });
      continue;
    }
    const valid = validateTypedMessage(raw);
    if (Array.isArray(valid)) {
      for (const issue of valid) reject(summary, { line: summary.lines, ...issue });
      continue;
    }
    if (typeof valid.messageId !== 'string' || valid.messageId === '') valid.messageId = contentMessageId('import', text.trim());
    pending.push(normalizeMessage(valid, receivedAt));
    if (pending.length >= CHUNK) {
      await flushChunk(store, pending, summary);
      onProgress?.({ lines: summary.lines, bytes });
    }
  }
  await flushChunk(store, pending, summary);
  onProgress?.({ lines: summary.lines, bytes });
  return summary;
}
