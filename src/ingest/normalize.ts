// Turns a validated message into the stored form: a messageId for every event, the batch
// envelope's context applied, and Segment's clock-skew correction of the timestamp.
import { randomUUID } from 'node:crypto';
import { dataClassOfMessage, type DataClass, type MessageType } from '../core/index.js';
import type { ValidMessage } from './validate.js';

type JsonObject = Record<string, unknown>;

/** A Segment message as Attune stores it (the `payload` of an event row). */
export interface SegmentMessage {
  messageId: string;
  type: MessageType;
  event?: string;
  name?: string;
  category?: string;
  userId?: string;
  anonymousId?: string;
  previousId?: string;
  groupId?: string;
  properties: JsonObject;
  traits: JsonObject;
  context: JsonObject;
  integrations?: JsonObject;
  /** When it happened, corrected for the sender's clock skew (ISO-8601). */
  timestamp: string;
  /** The time the sender's clock gave, when it differs from `timestamp`. */
  originalTimestamp?: string;
  sentAt?: string;
  receivedAt: string;
}

/** A stored message with the fields the database indexes. */
export interface IngestedMessage {
  message: SegmentMessage;
  timestampMs: number;
  receivedAtMs: number;
  dataClass: DataClass;
}

export interface BatchEnvelope {
  sentAt?: string | number;
  context?: JsonObject;
}

const STRUCTURAL_KEYS = new Set(['writeKey', 'sentAt', 'timestamp', 'originalTimestamp', 'receivedAt']);

function toMs(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = new Date(value as string | number).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Segment's rule: when the sender says both when the event happened and when it sent it, the
 * event happened `sentAt - timestamp` before we received it; the sender's absolute clock is not
 * trusted. Without `sentAt` the given timestamp stands; without a timestamp, receipt time.
 */
export function correctedTimestamp(original: number | undefined, sentAt: number | undefined, receivedAt: number): number {
  if (original === undefined) return receivedAt;
  if (sentAt === undefined) return original;
  return receivedAt - (sentAt - original);
}

export function normalizeMessage(valid: ValidMessage, receivedAtMs: number, envelope: BatchEnvelope = {}): IngestedMessage {
  const raw = valid as JsonObject;
  const original = toMs(raw.originalTimestamp ?? raw.timestamp);
  const sentAt = toMs(raw.sentAt ?? envelope.sentAt);
  const timestampMs = correctedTimestamp(original, sentAt, receivedAtMs);
  // Validation already made the message's context a fresh object: copied only to merge the envelope's.
  const context = envelope.context === undefined ? asObject(raw.context) : { ...envelope.context, ...asObject(raw.context) };

  const message: SegmentMessage = {
    messageId: typeof raw.messageId === 'string' && raw.messageId !== '' ? raw.messageId : `attune-${randomUUID()}`,
    type: valid.type,
    properties: asObject(raw.properties),
    traits: asObject(raw.traits),
    context,
    timestamp: new Date(timestampMs).toISOString(),
    receivedAt: isoOfReceipt(receivedAtMs),
  };
  for (const key of ['event', 'name', 'category', 'userId', 'anonymousId', 'previousId', 'groupId'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') message[key] = value;
  }
  if (raw.integrations !== undefined) message.integrations = asObject(raw.integrations);
  if (original !== undefined && original !== timestampMs) message.originalTimestamp = new Date(original).toISOString();
  if (sentAt !== undefined) message.sentAt = new Date(sentAt).toISOString();
  // Fields we do not interpret are kept as sent.
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in message) && !STRUCTURAL_KEYS.has(key) && key !== 'type') (message as unknown as JsonObject)[key] = value;
  }
  return { message, timestampMs, receivedAtMs, dataClass: dataClassOfMessage(valid.type, message.event) };
}

// A batch shares one receipt time: its ISO form is made once.
let lastReceipt = { ms: Number.NaN, iso: '' };
function isoOfReceipt(ms: number): string {
  if (ms !== lastReceipt.ms) lastReceipt = { ms, iso: new Date(ms).toISOString() };
  return lastReceipt.iso;
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}
