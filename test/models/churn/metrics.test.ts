import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.js';
import { brierScore, reliabilityTable, rocAuc } from '../../../src/models/churn/index.js';

/** AUC by definition: over all positive–negative pairs, 1 if the positive scores higher, ½ on ties. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((t, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and ½ when everything ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('counts ties as half, matching the pairwise definition on data with many ties', () => {
    const rng = createRng(3);
    const scores = Array.from({ length: 300 }, () => Math.floor(rng.next() * 8));
    const labels = scores.map((s) => (rng.next() < 0.2 + s * 0.08 ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it('is NaN without both classes', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('brierScore', () => {
  it('is the mean squared error of the probabilities', () => {
    expect(brierScore([0.9, 0.2, 0.5], [1, 0, 1])).toBeCloseTo((0.01 + 0.04 + 0.25) / 3, 15);
  });
});

describe('reliabilityTable', () => {
  it('bins predictions by tenths and reports mean prediction and observed rate', () => {
    const table = reliabilityTable([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1]);
    expect(table).toHaveLength(10);
    expect(table[0]).toEqual({ lower: 0, upper: 0.1, n: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(table[1]?.n).toBe(2);
    expect(table[1]?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1]?.observedRate).toBe(0.5);
    expect(table[5]).toMatchObject({ n: 0, meanPredicted: null, observedRate: null });
    // A prediction of exactly 1 belongs to the last bin.
    expect(table[9]).toMatchObject({ n: 2, observedRate: 1 });
  });
});
