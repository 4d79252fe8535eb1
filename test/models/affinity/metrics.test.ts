import { describe, expect, it } from 'vitest';
import { MetricsAccumulator, rankingMetrics } from '../../../src/models/affinity/index.js';

describe('rankingMetrics', () => {
  it('computes precision, recall and nDCG at k with binary relevance', () => {
    const relevant = new Set([2, 7, 9]);
    // hits at ranks 1 and 3 of a 4-long list, k = 4
    const m = rankingMetrics([2, 5, 9, 4], (i) => relevant.has(i), relevant.size, 4);
    expect(m.precision).toBeCloseTo(2 / 4, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    const dcg = 1 + 1 / Math.log2(4);
    const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(m.ndcg).toBeCloseTo(dcg / ideal, 12);
  });

  it('divides precision by k even when the list is shorter, and caps the ideal at k', () => {
    const m = rankingMetrics([1], (i) => i === 1, 5, 2);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.2);
    expect(m.ndcg).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 12);
  });

  it('rejects an empty relevant set and averages members', () => {
    expect(() => rankingMetrics([1], () => false, 0, 10)).toThrow(RangeError);
    const acc = new MetricsAccumulator();
    acc.add({ precision: 1, recall: 0.5, ndcg: 0 });
    acc.add({ precision: 0, recall: 0.5, ndcg: 1 });
    expect(acc.members).toBe(2);
    expect(acc.mean()).toEqual({ precision: 0.5, recall: 0.5, ndcg: 0.5 });
  });
});
