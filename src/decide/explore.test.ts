import betaln from '@stdlib/math-base-special-betaln';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import {
  epsilonGreedyProbabilities,
  regularizedIncompleteBeta,
  softmaxProbabilities,
  thompsonDecision,
  thompsonProbabilitiesSampled,
  thompsonProbabilitiesTwoArms,
  thompsonSample,
} from './explore.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Closed form of P(X₂ > X₁) for integer α₂ (Evan Miller, "Formulas for Bayesian A/B testing"). */
function secondBeatsFirst(a1: number, b1: number, a2: number, b2: number): number {
  let total = 0;
  for (let i = 0; i < a2; i++) total += Math.exp(betaln(a1 + i, b1 + b2) - Math.log(b2 + i) - betaln(1 + i, b2) - betaln(a1, b1));
  return total;
}

describe('ε-greedy and softmax (published conformance values)', () => {
  it('ε = 0.1 over two actions, the first best: 0.95 / 0.05', () => {
    const [best, other] = epsilonGreedyProbabilities([0.7, 0.3], 0.1);
    expect(best).toBeCloseTo(0.95, 12);
    expect(other).toBeCloseTo(0.05, 12);
  });

  it('softmax with λ = 1 over scores 0.23944 apart: 0.559575 / 0.440425', () => {
    // The gap is published rounded to 5 decimals, so the probabilities agree to 5 decimals.
    const [best, other] = softmaxProbabilities([1.23944, 1], 1);
    expect(best).toBeCloseTo(0.559575, 5);
    expect(other).toBeCloseTo(0.440425, 5);
  });

  it('ties share the greedy mass; λ = 0 is uniform', () => {
    epsilonGreedyProbabilities([2, 2, 1], 0.3).forEach((p, i) => expect(p).toBeCloseTo([0.45, 0.45, 0.1][i]!, 15));
    expect(softmaxProbabilities([5, -3, 100], 0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('rejects bad parameters', () => {
    expect(() => epsilonGreedyProbabilities([1], 1.5)).toThrow(RangeError);
    expect(() => softmaxProbabilities([], 1)).toThrow(RangeError);
    expect(() => softmaxProbabilities([1, Number.NaN], 1)).toThrow(RangeError);
  });
});

describe('probabilities are in (0, 1] and sum to 1', () => {
  const scores = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 });
  const valid = (ps: number[]) => {
    for (const p of ps) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(sum(ps)).toBeCloseTo(1, 12);
  };

  it('ε-greedy (ε > 0), and the best action is the most likely', () => {
    fc.assert(
      fc.property(scores, fc.double({ min: 1e-6, max: 1, noNaN: true }), (s, epsilon) => {
        const ps = epsilonGreedyProbabilities(s, epsilon);
        valid(ps);
        expect(ps[s.indexOf(Math.max(...s))]).toBe(Math.max(...ps));
      }),
    );
  });

  it('softmax, ordered like the scores', () => {
    fc.assert(
      fc.property(scores, fc.double({ min: 0, max: 20, noNaN: true }), (s, lambda) => {
        const ps = softmaxProbabilities(s, lambda);
        valid(ps);
        s.forEach((si, i) => s.forEach((sj, j) => si > sj && expect(ps[i]).toBeGreaterThanOrEqual(ps[j]!)));
      }),
    );
  });

  it('Thompson sampling, sampled and exact', () => {
    const arm = fc.record({ alpha: fc.double({ min: 0.2, max: 500, noNaN: true }), beta: fc.double({ min: 0.2, max: 500, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(arm, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1000 }), (arms, seed) => {
        valid(thompsonProbabilitiesSampled(arms, 200, createRng(seed)));
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(arm, arm, (first, second) => {
        const ps = thompsonProbabilitiesTwoArms(first, second);
        expect(ps[0]).toBeGreaterThanOrEqual(0);
        expect(ps[0]).toBeLessThanOrEqual(1);
        expect(sum(ps)).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});

describe('Thompson sampling for Bernoulli arms', () => {
  it('two arms: numerical integration matches the closed form for integer parameters', () => {
    const cases: [number, number, number, number][] = [
      [1, 1, 1, 1],
      [3, 5, 4, 2],
      [10, 20, 15, 18],
      [200, 1800, 230, 1770],
      [5000, 95000, 5100, 94900],
    ];
    for (const [a1, b1, a2, b2] of cases) {
      const [first] = thompsonProbabilitiesTwoArms({ alpha: a1, beta: b1 }, { alpha: a2, beta: b2 });
      expect(first).toBeCloseTo(1 - secondBeatsFirst(a1, b1, a2, b2), 9);
    }
  });

  it('two arms: symmetric, and correct for posteriors with parameters below 1', () => {
    expect(thompsonProbabilitiesTwoArms({ alpha: 0.5, beta: 0.5 }, { alpha: 0.5, beta: 0.5 })[0]).toBeCloseTo(0.5, 10);
    const [p] = thompsonProbabilitiesTwoArms({ alpha: 0.3, beta: 2 }, { alpha: 2, beta: 0.4 });
    const [q] = thompsonProbabilitiesTwoArms({ alpha: 2, beta: 0.4 }, { alpha: 0.3, beta: 2 });
    expect(p + q).toBeCloseTo(1, 9);
    const sampled = thompsonProbabilitiesSampled([{ alpha: 0.3, beta: 2 }, { alpha: 2, beta: 0.4 }], 100_000, createRng(5));
    expect(Math.abs(sampled[0]! - p)).toBeLessThan(0.005);
  });

  it('the sampler picks each arm about as often as the probabilities say', () => {
    const arms = [
      { alpha: 12, beta: 40 },
      { alpha: 15, beta: 38 },
      { alpha: 3, beta: 9 },
    ];
    const rng = createRng(42);
    const counts = [0, 0, 0];
    const draws = 40_000;
    for (let i = 0; i < draws; i++) counts[thompsonSample(arms, rng)]!++;
    const estimated = thompsonProbabilitiesSampled(arms, 40_000, createRng(43));
    counts.forEach((c, i) => expect(Math.abs(c / draws - estimated[i]!)).toBeLessThan(0.012));
  });

  it('a decision reports the arm and its propensity (exact for two arms)', () => {
    const arms = [
      { alpha: 30, beta: 70 },
      { alpha: 35, beta: 65 },
    ];
    const decision = thompsonDecision(arms, createRng(9));
    expect([0, 1]).toContain(decision.arm);
    expect(decision.probabilities).toEqual(thompsonProbabilitiesTwoArms(arms[0]!, arms[1]!));
    expect(thompsonDecision([...arms, { alpha: 1, beta: 1 }], createRng(9), 1000).probabilities).toHaveLength(3);
  });

  it('regularized incomplete beta: known values and symmetry', () => {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_0.3(2, 3) = 0.3483
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 14);
    expect(regularizedIncompleteBeta(0.6, 2, 1)).toBeCloseTo(0.36, 14);
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 12);
    expect(regularizedIncompleteBeta(0.2, 3.5, 1.7) + regularizedIncompleteBeta(0.8, 1.7, 3.5)).toBeCloseTo(1, 13);
  });
});
