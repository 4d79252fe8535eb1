// The per-message size limit applies to in-process messages too (prepareMessages): the quick
// upper bound must never let an oversized message through, and never reject one that fits.
import { describe, expect, it } from 'vitest';
import { LIMITS, prepareMessages, validateTypedMessage } from '../../src/ingest/index.js';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** A track message whose JSON is exactly `size` bytes, padded with `fill`. */
function messageOfSize(size: number, fill: string): Record<string, unknown> {
  const message = { type: 'track', userId: 'u', event: 'E', properties: { pad: '' } };
  const base = bytes(message);
  const perUnit = bytes(fill) - 2;
  message.properties.pad = fill.repeat(Math.floor((size - base) / perUnit));
  return message;
}

describe('message size limit', () => {
  for (const [name, fill] of [['ascii', 'x'], ['escaped', '\u0001'], ['multi-byte', 'é'], ['quotes', '"']] as const) {
    it(`accepts a message just under 32 KB and rejects one just over (${name})`, () => {
      const under = messageOfSize(LIMITS.messageBytes - 8, fill);
      const over = messageOfSize(LIMITS.messageBytes + 8, fill);
      expect(bytes(under)).toBeLessThanOrEqual(LIMITS.messageBytes);
      expect(bytes(over)).toBeGreaterThan(LIMITS.messageBytes);
      expect(Array.isArray(validateTypedMessage(under))).toBe(false);
      expect(validateTypedMessage(over)).toEqual([{ path: '(root)', message: `message exceeds ${LIMITS.messageBytes / 1024} KB` }]);
    });
  }

  it('measures nested arrays, many small fields and values that serialise through toJSON', () => {
    const products = Array.from({ length: 2000 }, (_, i) => ({ product_id: `p${i}`, price: 1.5 }));
    expect(bytes({ products })).toBeGreaterThan(LIMITS.messageBytes);
    expect(Array.isArray(validateTypedMessage({ type: 'track', userId: 'u', event: 'E', properties: { products } }))).toBe(true);
    const dates = Array.from({ length: 1500 }, () => new Date(0));
    expect(Array.isArray(validateTypedMessage({ type: 'track', userId: 'u', event: 'E', properties: { dates } }))).toBe(true);
    expect(Array.isArray(validateTypedMessage({ type: 'track', userId: 'u', event: 'E', properties: { dates: dates.slice(0, 10) } }))).toBe(false);
  });

  it('rejects the whole set in prepareMessages when one message is too large', () => {
    const prepared = prepareMessages([{ type: 'page', userId: 'a' }, messageOfSize(LIMITS.messageBytes + 100, 'x')]);
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) expect(prepared.issues.map((i) => i.path)).toEqual(['1']);
  });
});
