// Validation of incoming messages and batches, with errors that name the field and the problem.
// A batch is valid only if every message in it is: one bad message rejects the whole batch.
import { z } from 'zod';
import { LIMITS, batchSchema, eventPropertySchemas, messageSchemas, type SingleMessageType } from './schema.js';

export interface ValidationIssue {
  path: string;
  message: string;
}

/** A message as validated: the type is known and ids are strings. */
export type ValidMessage = { type: SingleMessageType } & Record<string, unknown>;

export type ValidationResult =
  | { ok: true; messages: ValidMessage[]; batch: { sentAt?: string | number; context?: Record<string, unknown> } }
  | { ok: false; status: 400 | 413; error: string; issues: ValidationIssue[] };

const TYPES = Object.keys(messageSchemas) as SingleMessageType[];

function issuesOf(error: z.ZodError, prefix: (string | number)[]): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * An upper bound of the UTF-8 size of `value` as JSON, or Infinity once it passes `limit` (or the
 * value is not plain data). Walks the value without building the string: every UTF-16 unit of a
 * string counts as 6 bytes (the longest escape, `\u0000`), a number as 24.
 */
function jsonBytesAtMost(value: unknown, limit: number, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return 24;
    case 'boolean':
    case 'undefined':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (depth > 32) return Infinity;
      const proto = Object.getPrototypeOf(value) as unknown;
      let total = 2;
      if (Array.isArray(value)) {
        if (proto !== Array.prototype) return Infinity;
        for (const item of value) {
          total += jsonBytesAtMost(item, limit - total, depth + 1) + 1;
          if (total > limit) return Infinity;
        }
        return total;
      }
      // Dates and class instances may serialise through toJSON: measured exactly instead.
      if (proto !== Object.prototype && proto !== null) return Infinity;
      for (const key in value) {
        total += key.length * 6 + 4 + jsonBytesAtMost((value as Record<string, unknown>)[key], limit - total, depth + 1);
        if (total > limit) return Infinity;
      }
      return total;
    }
    default:
      return Infinity;
  }
}

/** True when the message's JSON exceeds the per-message limit; measured exactly only when the bound is not enough. */
function tooLarge(value: unknown): boolean {
  return jsonBytesAtMost(value, LIMITS.messageBytes) > LIMITS.messageBytes && byteLength(value) > LIMITS.messageBytes;
}

function validateOne(raw: unknown, type: SingleMessageType, prefix: (string | number)[]): ValidMessage | ValidationIssue[] {
  const result = messageSchemas[type].safeParse(raw);
  if (!result.success) return issuesOf(result.error, prefix);
  const data = result.data as Record<string, unknown>;
  const propertySchema = type === 'track' ? eventPropertySchemas[data.event as string] : undefined;
  if (propertySchema !== undefined) {
    const properties = propertySchema.safeParse(data.properties ?? {});
    if (!properties.success) return issuesOf(properties.error, [...prefix, 'properties']);
  }
  return { ...data, type } as ValidMessage;
}

/**
 * Validates one message that names its own `type` (a batch element, a line of an import file).
 * Returns the issues, with paths under `prefix`, when it is invalid.
 */
export function validateTypedMessage(raw: unknown, prefix: (string | number)[] = [], measureSize = true): ValidMessage | ValidationIssue[] {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !TYPES.includes(type as SingleMessageType)) {
    return [{ path: [...prefix, 'type'].join('.'), message: `must be one of ${TYPES.join(', ')}` }];
  }
  if (measureSize && tooLarge(raw)) {
    return [{ path: prefix.join('.') || '(root)', message: `message exceeds ${LIMITS.messageBytes / 1024} KB` }];
  }
  return validateOne(raw, type as SingleMessageType, prefix);
}

/** Validates the body of `/v1/{identify|track|page|screen|group|alias}`. */
export function validateSingle(type: SingleMessageType, body: unknown): ValidationResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, error: 'request body must be a JSON object', issues: [{ path: '(root)', message: 'expected an object' }] };
  }
  if (byteLength(body) > LIMITS.messageBytes) {
    return { ok: false, status: 413, error: `message exceeds ${LIMITS.messageBytes / 1024} KB`, issues: [] };
  }
  const declared = (body as { type?: unknown }).type;
  if (declared !== undefined && declared !== type) {
    return { ok: false, status: 400, error: 'invalid message', issues: [{ path: 'type', message: `must be "${type}" on /v1/${type}` }] };
  }
  const message = validateOne(body, type, []);
  if (Array.isArray(message)) return { ok: false, status: 400, error: 'invalid message', issues: message };
  return { ok: true, messages: [message], batch: {} };
}

/**
 * Validates the body of `/v1/batch` (and `/v1/import`). `bodyBytes`, when known, spares measuring
 * each message: no message can exceed the per-message limit if the whole body does not.
 */
export function validateBatch(body: unknown, bodyBytes?: number): ValidationResult {
  const measureEach = bodyBytes === undefined || bodyBytes > LIMITS.messageBytes;
  const envelope = batchSchema.safeParse(body);
  if (!envelope.success) return { ok: false, status: 400, error: 'invalid batch', issues: issuesOf(envelope.error, []) };
  const { batch, sentAt, context } = envelope.data;
  if (batch.length > LIMITS.batchMessages) {
    return { ok: false, status: 413, error: `batch holds ${batch.length} messages; the limit is ${LIMITS.batchMessages}`, issues: [] };
  }
  const messages: ValidMessage[] = [];
  const issues: ValidationIssue[] = [];
  batch.forEach((raw, index) => {
    const message = validateTypedMessage(raw, ['batch', index], measureEach);
    if (Array.isArray(message)) issues.push(...message);
    else messages.push(message);
  });
  if (issues.length > 0) {
    const tooLarge = issues.some((issue) => issue.message.startsWith('message exceeds'));
    return tooLarge
      ? { ok: false, status: 413, error: 'a message in the batch exceeds the size limit; nothing was stored', issues }
      : { ok: false, status: 400, error: 'invalid batch; nothing was stored', issues };
  }
  return { ok: true, messages, batch: { ...(sentAt !== undefined ? { sentAt } : {}), ...(context !== undefined ? { context } : {}) } };
}
