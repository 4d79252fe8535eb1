import { describe, expect, it } from 'vitest';
import { createRng, randomNormal } from '../../../src/core/random.js';
import { fitLogistic, predictLogistic } from '../../../src/models/churn/index.js';

function simulate(n: number, seed: number, weights: number[], intercept: number): { rows: number[][]; labels: number[] } {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = weights.map(() => randomNormal(rng));
    const logit = intercept + row.reduce((sum, v, j) => sum + v * (weights[j] as number), 0);
    rows.push(row);
    labels.push(rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
  }
  return { rows, labels };
}

describe('fitLogistic', () => {
  it('recovers the coefficients of simulated data (standard-normal features)', () => {
    const weights = [1.5, -0.8, 0, 0.4];
    const { rows, labels } = simulate(20_000, 7, weights, -0.5);
    const model = fitLogistic(['a', 'b', 'c', 'd'], rows, labels, { l2: 1e-6 });
    expect(model.iterations).toBeLessThan(15);
    // Standardised coefficients ≈ raw ones because the features have unit variance.
    model.coefficients.forEach((w, j) => expect(w).toBeCloseTo(weights[j] as number, 1));
    expect(model.intercept).toBeCloseTo(-0.5, 1);
  });

  it('shrinks coefficients towards 0 as the penalty grows', () => {
    const { rows, labels } = simulate(500, 8, [2, -1], 0);
    const loose = fitLogistic(['a', 'b'], rows, labels, { l2: 0.01 });
    const tight = fitLogistic(['a', 'b'], rows, labels, { l2: 1000 });
    expect(Math.abs(tight.coefficients[0] as number)).toBeLessThan(Math.abs(loose.coefficients[0] as number) / 2);
  });

  it('stays finite on perfectly separable data thanks to the penalty', () => {
    const rows = [[-2], [-1], [1], [2]];
    const model = fitLogistic(['x'], rows, [0, 0, 1, 1], { l2: 0.1 });
    expect(Number.isFinite(model.coefficients[0])).toBe(true);
    expect(predictLogistic(model, [2])).toBeGreaterThan(0.9);
    expect(predictLogistic(model, [-2])).toBeLessThan(0.1);
  });

  it('imputes missing values with the training mean and tolerates constant columns', () => {
    const { rows, labels } = simulate(400, 9, [1], 0);
    const withExtras = rows.map((row, i) => [...row, 5, i % 3 === 0 ? Number.NaN : (row[0] as number)]);
    const model = fitLogistic(['x', 'constant', 'sometimesMissing'], withExtras, labels);
    expect(model.coefficients[1]).toBeCloseTo(0, 12);
    const atMean = predictLogistic(model, [0, 5, Number.NaN]);
    const explicitMean = predictLogistic(model, [0, 5, model.means[2] as number]);
    expect(atMean).toBeCloseTo(explicitMean, 12);
  });
});
