import { describe, expect, it } from 'vitest';
import { minimizeNelderMead } from '../../../src/models/optimize/index.js';

describe('minimizeNelderMead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { valueTolerance: 1e-14, pointTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('minimises a 4-dimensional quadratic with very different curvatures', () => {
    const scales = [1, 100, 0.01, 10];
    const target = [3, -2, 0.5, 7];
    const f = (x: readonly number[]): number => x.reduce((sum, v, i) => sum + (scales[i] as number) * (v - (target[i] as number)) ** 2, 0);
    const result = minimizeNelderMead(f, [0, 0, 0, 0], { valueTolerance: 1e-16, pointTolerance: 1e-9 });
    result.x.forEach((v, i) => expect(v).toBeCloseTo(target[i] as number, 3));
  });

  it('treats NaN as +∞ so an objective can fence off a region', () => {
    // Minimum of (x − 2)² is outside the allowed region x ≤ 1: the answer is the boundary.
    const f = ([x = 0]: readonly number[]): number => (x > 1 ? Number.NaN : (x - 2) ** 2);
    const result = minimizeNelderMead(f, [0]);
    expect(result.value).toBeCloseTo(1, 6);
    expect(result.x[0]).toBeCloseTo(1, 3);
  });
});
