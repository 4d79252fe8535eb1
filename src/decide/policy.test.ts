import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, randomBeta } from '../core/random.js';
import { choose, scoreCandidates, type Candidate } from './policy.js';

const candidate = (key: string, alpha: number, beta: number, value: number, cost: number): Candidate => ({ key, alpha, beta, value, cost });

describe('policy', () => {
  it('chooses silence when contact costs more than it is worth', () => {
    const costly = [candidate('promo', 20, 980, 50, 5)]; // 2% × 50 = 1 < 5
    const { silenceProbability, scored } = scoreCandidates(costly);
    expect(scored[0]?.expectedValue).toBeCloseTo(-4, 5);
    expect(silenceProbability).toBeGreaterThan(0.999);
    const rng = createRng(1);
    const picks = Array.from({ length: 500 }, () => choose(costly, rng).chosen);
    expect(picks.every((p) => p === -1)).toBe(true);
  });

  it('contacts when the action is clearly worth it, and explores while uncertain', () => {
    const worth = [candidate('winback', 200, 800, 60, 2)]; // 20% × 60 = 12 > 2
    expect(scoreCandidates(worth).silenceProbability).toBeLessThan(1e-4);
    const uncertain = [candidate('new', 1, 20, 60, 2)]; // mean ~4.8% × 60 = 2.9 > 2, but wide
    const { silenceProbability } = scoreCandidates(uncertain);
    expect(silenceProbability).toBeGreaterThan(0.2);
    expect(silenceProbability).toBeLessThan(0.8);
  });

  it('stays close to Thompson sampling with the exact Beta posteriors (normal approximation)', () => {
    const candidates = [candidate('a', 30, 270, 40, 1), candidate('b', 12, 88, 30, 1.5), candidate('c', 3, 97, 100, 0.5)];
    const { scored, silenceProbability } = scoreCandidates(candidates);
    const rng = createRng('thompson');
    const wins = [0, 0, 0, 0];
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const values = candidates.map((c) => randomBeta(rng, c.alpha, c.beta) * c.value - c.cost);
      const best = Math.max(0, ...values);
      wins[best === 0 ? 3 : values.indexOf(best)]! += 1;
    }
    scored.forEach((s, i) => expect(Math.abs(s.probability - (wins[i] as number) / n), s.key).toBeLessThan(0.05));
    expect(Math.abs(silenceProbability - (wins[3] as number) / n)).toBeLessThan(0.05);
  });

  it('chooses each candidate with exactly the probability it logs', () => {
    const candidates = [candidate('a', 30, 270, 40, 1), candidate('b', 12, 88, 30, 1.5), candidate('c', 3, 97, 100, 0.5)];
    const rng = createRng('logged');
    const n = 40_000;
    const counts = new Map<number, number>();
    let logged: number[] = [];
    for (let i = 0; i < n; i++) {
      const choice = choose(candidates, rng);
      counts.set(choice.chosen, (counts.get(choice.chosen) ?? 0) + 1);
      logged = [...choice.scored.map((s) => s.probability), choice.silenceProbability];
    }
    [0, 1, 2, -1].forEach((index, k) => expect(Math.abs((counts.get(index) ?? 0) / n - (logged[k] as number))).toBeLessThan(0.01));
  });

  it('logs probabilities in (0, 1] that sum to 1 over the candidates it can choose', () => {
    const arb = fc.array(
      fc.record({ alpha: fc.double({ min: 0.5, max: 500, noNaN: true }), beta: fc.double({ min: 0.5, max: 5000, noNaN: true }), value: fc.double({ min: 0, max: 500, noNaN: true }), cost: fc.double({ min: 0, max: 50, noNaN: true }) }),
      { minLength: 0, maxLength: 6 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (raw, seed) => {
        const candidates = raw.map((r, i) => ({ ...r, key: `a${i}` }));
        const choice = choose(candidates, createRng(seed));
        const total = choice.scored.reduce((s, c) => s + c.probability, choice.silenceProbability);
        expect(total).toBeCloseTo(1, 9);
        expect(choice.probability).toBeGreaterThan(0);
        expect(choice.probability).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
