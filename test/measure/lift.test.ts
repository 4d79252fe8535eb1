import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareArms,
  cupedAdjust,
  sampleRatioMismatch,
  sequentialInterval,
  summarizeMean,
  summarizeProportion,
} from '../../src/measure/index.js';
import { createRng, randomNormal } from '../../src/core/random.js';

describe('Welch and delta-method lift (published conformance values)', () => {
  const control = summarizeMean({ n: 3407, sum: 1396.87, sumSquares: 52377.9767 });
  const treatment = summarizeMean({ n: 3461, sum: 2422.7, sumSquares: 134698.29 });
  const result = compareArms(control, treatment, 0.05);

  it('absolute lift, Welch CI and p-value', () => {
    expect(result.absLift).toBeCloseTo(0.29, 5);
    expect(result.absCI[0]).toBeCloseTo(0.04538, 5);
    expect(result.absCI[1]).toBeCloseTo(0.53462, 5);
    expect(result.pValue).toBeCloseTo(0.02016, 5);
  });

  it('relative lift, delta-method CI and p-value', () => {
    expect(result.relLift).toBeCloseTo(0.70732, 5);
    expect(result.relCI[0]).toBeCloseTo(-0.03526, 5);
    expect(result.relCI[1]).toBeCloseTo(1.44989, 5);
    expect(result.relPValue).toBeCloseTo(0.06191, 5);
  });

  it('uses Welch–Satterthwaite degrees of freedom', () => {
    const c = control.variance / control.n;
    const t = treatment.variance / treatment.n;
    expect(result.df).toBeCloseTo((c + t) ** 2 / (c ** 2 / 3406 + t ** 2 / 3460), 8);
  });
});

describe('anytime-valid sequential interval', () => {
  const control = summarizeProportion({ n: 3000, successes: 1396 });
  const treatment = summarizeProportion({ n: 3461, successes: 2422 });

  it('reproduces the published interval on proportions (N* = 5000)', () => {
    const result = sequentialInterval(control, treatment, { tuningN: 5000, alpha: 0.05 });
    expect(result.lift).toBeCloseTo(0.50386, 5);
    expect(result.ci[0]).toBeCloseTo(0.40098, 5);
    expect(result.ci[1]).toBeCloseTo(0.60675, 5);
  });

  it('is wider than the fixed-horizon interval, on proportions and on means', () => {
    const means = [summarizeMean({ n: 3407, sum: 1396.87, sumSquares: 52377.9767 }), summarizeMean({ n: 3461, sum: 2422.7, sumSquares: 134698.29 })] as const;
    for (const [c, t] of [[control, treatment], means] as const) {
      const fixed = compareArms(c, t);
      for (const scale of ['absolute', 'relative'] as const) {
        const seq = sequentialInterval(c, t, { scale });
        const fixedCI = scale === 'absolute' ? fixed.absCI : fixed.relCI;
        expect(seq.ci[0]).toBeLessThan(fixedCI[0]);
        expect(seq.ci[1]).toBeGreaterThan(fixedCI[1]);
      }
    }
  });
});

describe('summaries', () => {
  it('proportions use p(1 − p), means the n − 1 sample variance', () => {
    expect(summarizeProportion({ n: 10, successes: 3 })).toEqual({ n: 10, mean: 0.3, variance: 0.3 * 0.7 });
    const values = [1, 2, 4, 7];
    const s = summarizeMean({ n: 4, sum: 14, sumSquares: values.reduce((a, v) => a + v * v, 0) });
    expect(s.mean).toBe(3.5);
    expect(s.variance).toBeCloseTo(values.reduce((a, v) => a + (v - 3.5) ** 2, 0) / 3, 12);
  });

  it('rejects arms that are too small', () => {
    expect(() => summarizeMean({ n: 1, sum: 1, sumSquares: 1 })).toThrow(RangeError);
    expect(() => summarizeProportion({ n: 5, successes: 6 })).toThrow(RangeError);
  });

  it('absolute CI is centred on the lift and matches mean ± t·se for any arms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 5000 }),
        fc.integer({ min: 5, max: 5000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (nc, nt, pc, pt) => {
          const c = summarizeProportion({ n: nc, successes: Math.round(pc * nc) });
          const t = summarizeProportion({ n: nt, successes: Math.round(pt * nt) });
          if (c.variance === 0 || t.variance === 0 || c.mean === 0) return;
          const r = compareArms(c, t);
          const se = Math.sqrt(c.variance / nc + t.variance / nt);
          const half = tQuantile(0.975, r.df) * se;
          expect(r.absCI[0]).toBeCloseTo(r.absLift - half, 10);
          expect(r.absCI[1]).toBeCloseTo(r.absLift + half, 10);
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
          // The 95% CI excludes 0 exactly when p < 0.05.
          expect(r.absCI[0] > 0 || r.absCI[1] < 0).toBe(r.pValue < 0.05);
        },
      ),
    );
  });
});

describe('sample-ratio mismatch', () => {
  it('is silent for balanced arms and alarms on a skew', () => {
    const balanced = sampleRatioMismatch([5000, 5000]);
    expect(balanced.chiSquare).toBe(0);
    expect(balanced.pValue).toBeCloseTo(1, 12);
    expect(balanced.mismatch).toBe(false);
    // 60/40 of 100: χ² = (10² + 10²)/50 = 4, p = 0.0455 (1 df)
    const skew = sampleRatioMismatch([60, 40]);
    expect(skew.chiSquare).toBeCloseTo(4, 12);
    expect(skew.pValue).toBeCloseTo(0.0455, 4);
    expect(sampleRatioMismatch([5300, 4700]).mismatch).toBe(true);
  });

  it('honours unequal intended shares', () => {
    const r = sampleRatioMismatch([900, 100], [9, 1]);
    expect(r.expected).toEqual([900, 100]);
    expect(r.chiSquare).toBe(0);
    expect(sampleRatioMismatch([500, 500], [9, 1]).mismatch).toBe(true);
  });
});

describe('CUPED', () => {
  // Units with a pre-period covariate X and an outcome Y = 2 + 0.8 X + noise (+ 0.5 if treated).
  function simulate(seed: number, n: number) {
    const rng = createRng(seed);
    return [0, 0.5].map((effect) => {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < n; i++) {
        const x = randomNormal(rng, 10, 3);
        xs.push(x);
        ys.push(2 + 0.8 * x + effect + randomNormal(rng, 0, 1));
      }
      return { xs, ys };
    });
  }
  const sums = (xs: number[], ys: number[]) => ({
    n: xs.length,
    sumX: xs.reduce((a, v) => a + v, 0),
    sumX2: xs.reduce((a, v) => a + v * v, 0),
    sumY: ys.reduce((a, v) => a + v, 0),
    sumY2: ys.reduce((a, v) => a + v * v, 0),
    sumXY: xs.reduce((a, v, i) => a + v * (ys[i] as number), 0),
  });

  it('matches the per-unit adjustment Y − θ(X − mean X) computed directly', () => {
    const arms = simulate(7, 400);
    const result = cupedAdjust(arms.map((a) => sums(a.xs, a.ys)));
    const allX = arms.flatMap((a) => a.xs);
    const allY = arms.flatMap((a) => a.ys);
    const mx = allX.reduce((a, v) => a + v, 0) / allX.length;
    const my = allY.reduce((a, v) => a + v, 0) / allY.length;
    const cov = allX.reduce((a, x, i) => a + (x - mx) * ((allY[i] as number) - my), 0);
    const varX = allX.reduce((a, x) => a + (x - mx) ** 2, 0);
    const theta = cov / varX;
    expect(result.theta).toBeCloseTo(theta, 10);
    arms.forEach((arm, k) => {
      const adjusted = arm.ys.map((y, i) => y - theta * ((arm.xs[i] as number) - mx));
      const mean = adjusted.reduce((a, v) => a + v, 0) / adjusted.length;
      const variance = adjusted.reduce((a, v) => a + (v - mean) ** 2, 0) / (adjusted.length - 1);
      expect(result.arms[k]!.mean).toBeCloseTo(mean, 9);
      expect(result.arms[k]!.variance).toBeCloseTo(variance, 8);
    });
  });

  it('shrinks the variance by about corr² and keeps the lift', () => {
    const arms = simulate(11, 2000);
    const stats = arms.map((a) => sums(a.xs, a.ys));
    const result = cupedAdjust(stats);
    // corr² = 0.8²·9 / (0.8²·9 + 1) ≈ 0.852
    expect(result.varianceReduction).toBeGreaterThan(0.8);
    const raw = stats.map((s) => summarizeMean({ n: s.n, sum: s.sumY, sumSquares: s.sumY2 }));
    const before = compareArms(raw[0]!, raw[1]!);
    const after = compareArms(result.arms[0]!, result.arms[1]!);
    expect(after.absCI[1] - after.absCI[0]).toBeLessThan(0.5 * (before.absCI[1] - before.absCI[0]));
    expect(after.absCI[0]).toBeLessThan(0.5);
    expect(after.absCI[1]).toBeGreaterThan(0.5);
  });

  it('leaves the metric alone when the covariate is constant', () => {
    const result = cupedAdjust([
      { n: 3, sumY: 6, sumY2: 14, sumX: 3, sumX2: 3, sumXY: 6 },
      { n: 3, sumY: 9, sumY2: 29, sumX: 3, sumX2: 3, sumXY: 9 },
    ]);
    expect(result.theta).toBe(0);
    expect(result.arms[0]).toEqual({ n: 3, mean: 2, variance: 1 });
  });
});
