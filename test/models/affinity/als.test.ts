import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.js';
import { type AlsParams, type CsrMatrix, alsUserVector, csrFromTriples, fitAls, foldInUser, scoreAls, sparseRow } from '../../../src/models/affinity/index.js';

/** Two taste groups: members 0–19 buy among products 0–9, members 20–39 among 10–19, each ~60%. */
function blockMatrix(): CsrMatrix {
  const rng = createRng(7);
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < 40; u++) {
    const offset = u < 20 ? 0 : 10;
    for (let i = 0; i < 10; i++) {
      if (rng.next() < 0.6) {
        rows.push(u);
        cols.push(offset + i);
        values.push(1 + Math.floor(rng.next() * 5));
      }
    }
  }
  return csrFromTriples(40, 20, rows, cols, values);
}

/** The implicit-feedback objective, computed densely (small matrices only). */
function objective(params: AlsParams, matrix: CsrMatrix, lambda: number): number {
  const f = params.factors;
  let loss = 0;
  for (let u = 0; u < matrix.rows; u++) {
    const observed = new Map<number, number>();
    const row = sparseRow(matrix, u);
    row.cols.forEach((c, k) => observed.set(c, row.values[k]!));
    for (let i = 0; i < matrix.cols; i++) {
      let pred = 0;
      for (let a = 0; a < f; a++) pred += params.userFactors[u * f + a]! * params.itemFactors[i * f + a]!;
      const r = observed.get(i);
      const c = r === undefined ? 1 : 1 + params.alpha * Math.log1p(r);
      loss += c * ((r === undefined ? 0 : 1) - pred) ** 2;
    }
  }
  const norm = (v: Float64Array): number => v.reduce((s, x) => s + x * x, 0);
  return loss + lambda * (norm(params.userFactors) + norm(params.itemFactors));
}

describe('fitAls', () => {
  const matrix = blockMatrix();

  it('ranks unseen products of a member’s own taste group above the other group', () => {
    // Two latent dimensions: the rank of the true taste structure.
    const params = fitAls(matrix, { factors: 2, iterations: 10, regularization: 0.5, alpha: 5 });
    for (const u of [0, 5, 25, 39]) {
      const scores = scoreAls(params, alsUserVector(params, u));
      const seen = new Set(sparseRow(matrix, u).cols);
      const own = u < 20 ? [0, 10] : [10, 20];
      const unseenOwn = [...Array(20).keys()].filter((i) => i >= own[0]! && i < own[1]! && !seen.has(i));
      const other = [...Array(20).keys()].filter((i) => i < own[0]! || i >= own[1]!);
      const worstOwn = Math.min(...unseenOwn.map((i) => scores[i]!));
      const bestOther = Math.max(...other.map((i) => scores[i]!));
      if (unseenOwn.length > 0) expect(worstOwn).toBeGreaterThan(bestOther);
    }
  });

  it('lowers the objective with every further alternation and is reproducible for a seed', () => {
    const lambda = 0.5;
    const losses = [1, 2, 4, 8].map((iterations) => objective(fitAls(matrix, { factors: 6, iterations, regularization: lambda, alpha: 5, seed: 3 }), matrix, lambda));
    for (let k = 1; k < losses.length; k++) expect(losses[k]!).toBeLessThan(losses[k - 1]!);
    const a = fitAls(matrix, { factors: 6, iterations: 3, seed: 11 });
    const b = fitAls(matrix, { factors: 6, iterations: 3, seed: 11 });
    const c = fitAls(matrix, { factors: 6, iterations: 3, seed: 12 });
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    expect(Array.from(a.itemFactors)).not.toEqual(Array.from(c.itemFactors));
  });
});

describe('foldInUser', () => {
  it('solves the member’s normal equations (YᵀCY + λI) x = YᵀCp', () => {
    const matrix = blockMatrix();
    const params = fitAls(matrix, { factors: 6, iterations: 5, regularization: 0.5, alpha: 5 });
    const f = params.factors;
    const history = { cols: Int32Array.from([1, 4, 12]), values: Float64Array.from([2, 1, 7]) };
    const x = foldInUser(params, history);
    const lhs = new Float64Array(f);
    const rhs = new Float64Array(f);
    for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) lhs[a]! += params.itemGram[a * f + b]! * x[b]!;
    history.cols.forEach((item, k) => {
      const y = params.itemFactors.subarray(item * f, (item + 1) * f);
      const excess = params.alpha * Math.log1p(history.values[k]!);
      const yx = y.reduce((s, v, a) => s + v * x[a]!, 0);
      for (let a = 0; a < f; a++) {
        lhs[a]! += excess * yx * y[a]!;
        rhs[a]! += (1 + excess) * y[a]!;
      }
    });
    for (let a = 0; a < f; a++) expect(lhs[a]).toBeCloseTo(rhs[a]!, 8);
    expect(Array.from(foldInUser(params, { cols: new Int32Array(0), values: new Float64Array(0) }))).toEqual(new Array(f).fill(0));
  });
});
