import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from '../../../src/models/affinity/index.js';

describe('topK', () => {
  it('returns the k best accepted indices, best first, ties by lower index', () => {
    const scores = [3, 9, 1, 9, 5, 7];
    expect(Array.from(topK(scores, 3))).toEqual([1, 3, 5]);
    expect(Array.from(topK(scores, 3, (i) => i !== 3))).toEqual([1, 5, 4]);
    expect(Array.from(topK(scores, 10, (i) => i < 2))).toEqual([1, 0]);
    expect(Array.from(topK(scores, 2, undefined, [0, 2, 4]))).toEqual([4, 0]);
    expect(topK(scores, 0).length).toBe(0);
  });

  it('agrees with a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 60 }), fc.integer({ min: 1, max: 15 }), (scores, k) => {
        const expected = scores
          .map((score, index) => ({ score, index }))
          .filter(({ index }) => index % 3 !== 0)
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .slice(0, k)
          .map(({ index }) => index);
        expect(Array.from(topK(scores, k, (i) => i % 3 !== 0))).toEqual(expected);
      }),
    );
  });
});
