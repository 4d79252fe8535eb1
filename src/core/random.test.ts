import { describe, expect, it } from 'vitest';
import { createRng, randomBeta, randomGamma, shuffle } from './random.js';

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws gamma and beta variates with the right means', () => {
    const rng = createRng('moments');
    const n = 40_000;
    let g = 0;
    let small = 0;
    let beta = 0;
    for (let i = 0; i < n; i++) {
      g += randomGamma(rng, 3);
      small += randomGamma(rng, 0.4);
      beta += randomBeta(rng, 2, 6);
    }
    expect(g / n).toBeCloseTo(3, 1);
    expect(small / n).toBeCloseTo(0.4, 1);
    expect(beta / n).toBeCloseTo(0.25, 2);
  });

  it('shuffles deterministically without losing items', () => {
    const items = shuffle(createRng(7), [1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...items].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffle(createRng(7), [1, 2, 3, 4, 5, 6, 7, 8])).toEqual(items);
  });
});
