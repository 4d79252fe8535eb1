// From a request body to messages ready to store: validation, then normalisation at receipt time.
import { normalizeMessage, type IngestedMessage } from './normalize.js';
import type { SingleMessageType } from './schema.js';
import { validateBatch, validateSingle, validateTypedMessage, type ValidationIssue } from './validate.js';

export type Prepared =
  | { ok: true; items: IngestedMessage[] }
  | { ok: false; status: 400 | 413; error: string; issues: ValidationIssue[] };

export function prepareSingle(type: SingleMessageType, body: unknown, receivedAt = Date.now()): Prepared {
  const result = validateSingle(type, body);
  if (!result.ok) return result;
  return { ok: true, items: result.messages.map((m) => normalizeMessage(m, receivedAt, result.batch)) };
}

export function prepareBatch(body: unknown, receivedAt = Date.now(), bodyBytes?: number): Prepared {
  const result = validateBatch(body, bodyBytes);
  if (!result.ok) return result;
  return { ok: true, items: result.messages.map((m) => normalizeMessage(m, receivedAt, result.batch)) };
}

/**
 * Validates and normalises messages produced in-process (an import, the simulator): the same
 * checks per message as the HTTP API, without the HTTP batch limits. Any invalid message makes
 * the whole set invalid, with the issues indexed by position.
 */
export function prepareMessages(messages: readonly unknown[], receivedAt = Date.now()): Prepared {
  const items: IngestedMessage[] = [];
  const issues: ValidationIssue[] = [];
  messages.forEach((raw, index) => {
    const valid = validateTypedMessage(raw, [index]);
    if (Array.isArray(valid)) issues.push(...valid);
    else items.push(normalizeMessage(valid, receivedAt));
  });
  return issues.length > 0 ? { ok: false, status: 400, error: 'invalid messages; nothing was stored', issues } : { ok: true, items };
}
