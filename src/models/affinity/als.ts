// Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008, "Collaborative Filtering
// for Implicit Feedback Datasets"). Every member × product cell is a preference p ∈ {0, 1}
// (bought or not) with a confidence c = 1 + α·log(1 + r) that grows with the interaction
// strength r. Alternating least squares minimises
//     Σ_u,i c_ui (p_ui − x_u·y_i)² + λ (Σ‖x_u‖² + Σ‖y_i‖²)
// over all cells, including the zeros, using the identity
//     Yᵀ C_u Y = YᵀY + Σ_{i bought by u} (c_ui − 1) y_i y_iᵀ,
// so each solve costs O(f² + n_u·f) instead of O(items·f). Each row's system is solved by a few
// warm-started conjugate-gradient steps (Takács, Pilászy & Tikk 2011) rather than a Cholesky
// factorisation: cheaper per row and each row is independent (shardable across workers).
import { createRng, randomNormal } from '../../core/random.js';
import { type CsrMatrix, type SparseRow, transpose } from './sparse.js';

export interface AlsOptions {
  /** Latent dimensions f. */
  factors: number;
  /** λ, the L2 penalty on every factor vector. */
  regularization: number;
  /** α in c = 1 + α·log(1 + r). */
  alpha: number;
  /** Alternations (one member half-step and one product half-step each). */
  iterations: number;
  /** Conjugate-gradient steps per row per half-step (warm-started, so 2–4 suffice). */
  cgSteps: number;
  seed: number;
  /** Standard deviation of the random initial factors. */
  initScale: number;
}

export const DEFAULT_ALS_OPTIONS: AlsOptions = {
  factors: 64,
  regularization: 5,
  alpha: 1,
  iterations: 8,
  cgSteps: 2,
  seed: 42,
  initScale: 0.01,
};

export interface AlsParams {
  readonly factors: number;
  readonly users: number;
  readonly items: number;
  /** users × factors, row-major: member u's vector starts at u·factors. */
  readonly userFactors: Float64Array;
  /** items × factors, row-major. */
  readonly itemFactors: Float64Array;
  /** YᵀY + λI (factors × factors), kept so that a new member can be folded in cheaply. */
  readonly itemGram: Float64Array;
  readonly alpha: number;
}

/** Fits member and product factors to a members × products matrix of interaction strengths. */
export function fitAls(interactions: CsrMatrix, options: Partial<AlsOptions> = {}): AlsParams {
  const o = { ...DEFAULT_ALS_OPTIONS, ...options };
  const f = o.factors;
  const rng = createRng(o.seed);
  const initial = (n: number): Float64Array => {
    const v = new Float64Array(n * f);
    for (let k = 0; k < v.length; k++) v[k] = randomNormal(rng, 0, o.initScale);
    return v;
  };
  const userFactors = initial(interactions.rows);
  const itemFactors = initial(interactions.cols);
  const byItem = transpose(interactions);
  const userConfidence = interactions.values.map((r) => confidenceExcess(o.alpha, r));
  const itemConfidence = byItem.values.map((r) => confidenceExcess(o.alpha, r));
  const work = new SolverWorkspace(f);
  for (let it = 0; it < o.iterations; it++) {
    solveRows(interactions, userConfidence, itemFactors, userFactors, gramPlusRidge(itemFactors, f, o.regularization), o.cgSteps, work);
    solveRows(byItem, itemConfidence, userFactors, itemFactors, gramPlusRidge(userFactors, f, o.regularization), o.cgSteps, work);
  }
  return {
    factors: f,
    users: interactions.rows,
    items: interactions.cols,
    userFactors,
    itemFactors,
    itemGram: gramPlusRidge(itemFactors, f, o.regularization),
    alpha: o.alpha,
  };
}

/** c − 1 for an interaction of strength r. */
function confidenceExcess(alpha: number, strength: number): number {
  return alpha * Math.log1p(strength);
}

/** FᵀF + λI for a row-major n × f factor matrix. */
function gramPlusRidge(factors: Float64Array, f: number, lambda: number): Float64Array {
  const gram = new Float64Array(f * f);
  const n = factors.length / f;
  for (let r = 0; r < n; r++) {
    const base = r * f;
    for (let a = 0; a < f; a++) {
      const va = factors[base + a]!;
      if (va === 0) continue;
      for (let b = a; b < f; b++) gram[a * f + b]! += va * factors[base + b]!;
    }
  }
  for (let a = 0; a < f; a++) {
    gram[a * f + a]! += lambda;
    for (let b = 0; b < a; b++) gram[a * f + b] = gram[b * f + a]!;
  }
  return gram;
}

/** Scratch vectors reused across rows (no allocation in the hot loop). */
class SolverWorkspace {
  readonly x: Float64Array;
  readonly residual: Float64Array;
  readonly direction: Float64Array;
  readonly product: Float64Array;
  constructor(readonly f: number) {
    this.x = new Float64Array(f);
    this.residual = new Float64Array(f);
    this.direction = new Float64Array(f);
    this.product = new Float64Array(f);
  }
}

/** One half-step: re-solves every row of `target` with the other side's factors held fixed. */
function solveRows(
  matrix: CsrMatrix,
  confidenceExcessOf: Float64Array,
  fixed: Float64Array,
  target: Float64Array,
  gram: Float64Array,
  cgSteps: number,
  work: SolverWorkspace,
): void {
  const f = work.f;
  for (let r = 0; r < matrix.rows; r++) {
    const start = matrix.rowStart[r]!;
    const end = matrix.rowStart[r + 1]!;
    if (start === end) {
      target.fill(0, r * f, (r + 1) * f); // nothing observed: the penalty pulls the vector to 0
      continue;
    }
    work.x.set(target.subarray(r * f, (r + 1) * f));
    conjugateGradient(matrix.colIndex.subarray(start, end), confidenceExcessOf.subarray(start, end), fixed, gram, cgSteps, work);
    target.set(work.x, r * f);
  }
}

/**
 * Approximately solves (G + Σ_i e_i y_i y_iᵀ) x = Σ_i (1 + e_i) y_i for one row, where i runs
 * over the row's observed columns and e_i = c_i − 1, starting from work.x.
 */
function conjugateGradient(
  cols: Int32Array,
  excess: Float64Array,
  fixed: Float64Array,
  gram: Float64Array,
  steps: number,
  work: SolverWorkspace,
): void {
  const { f, x, residual: r, direction: p, product: ap } = work;
  // r = b − A x = Σ_i (1 + e_i − e_i (y_i·x)) y_i − G x
  multiplyGram(gram, x, r, f, -1);
  for (let n = 0; n < cols.length; n++) {
    const base = cols[n]! * f;
    const e = excess[n]!;
    addScaledRow(r, fixed, base, 1 + e - e * dotRow(fixed, base, x, f), f);
  }
  p.set(r);
  let rsOld = dotRow(r, 0, r, f);
  for (let step = 0; step < steps && rsOld > 1e-20; step++) {
    // ap = G p + Σ_i e_i (y_i·p) y_i
    multiplyGram(gram, p, ap, f, 1);
    for (let n = 0; n < cols.length; n++) {
      const base = cols[n]! * f;
      addScaledRow(ap, fixed, base, excess[n]! * dotRow(fixed, base, p, f), f);
    }
    const stepSize = rsOld / dotRow(p, 0, ap, f);
    for (let a = 0; a < f; a++) {
      x[a]! += stepSize * p[a]!;
      r[a]! -= stepSize * ap[a]!;
    }
    const rsNew = dotRow(r, 0, r, f);
    const beta = rsNew / rsOld;
    for (let a = 0; a < f; a++) p[a] = r[a]! + beta * p[a]!;
    rsOld = rsNew;
  }
}

/** out = sign · G v. */
function multiplyGram(gram: Float64Array, v: Float64Array, out: Float64Array, f: number, sign: number): void {
  for (let a = 0; a < f; a++) out[a] = sign * dotRow(gram, a * f, v, f);
}

// The two kernels below carry almost all of the fitting time. Four independent accumulators
// let the CPU overlap the floating-point additions instead of waiting on one running sum.

/** Σ_a m[offset + a] · v[a] for a < f. */
function dotRow(m: Float64Array, offset: number, v: Float64Array, f: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let a = 0;
  for (; a + 3 < f; a += 4) {
    s0 += m[offset + a]! * v[a]!;
    s1 += m[offset + a + 1]! * v[a + 1]!;
    s2 += m[offset + a + 2]! * v[a + 2]!;
    s3 += m[offset + a + 3]! * v[a + 3]!;
  }
  for (; a < f; a++) s0 += m[offset + a]! * v[a]!;
  return s0 + s1 + s2 + s3;
}

/** out[a] += scale · m[offset + a] for a < f. */
function addScaledRow(out: Float64Array, m: Float64Array, offset: number, scale: number, f: number): void {
  for (let a = 0; a < f; a++) out[a]! += scale * m[offset + a]!;
}

/** Member u's factor vector (a view). */
export function alsUserVector(params: AlsParams, user: number): Float64Array {
  return params.userFactors.subarray(user * params.factors, (user + 1) * params.factors);
}

/**
 * Folds a member the model was not trained on into the factor space: the member half-step for
 * this one row, solved to convergence (CG is exact after f steps on an f × f system).
 */
export function foldInUser(params: AlsParams, history: SparseRow): Float64Array {
  const work = new SolverWorkspace(params.factors);
  if (history.cols.length === 0) return work.x;
  const excess = history.values.map((r) => confidenceExcess(params.alpha, r));
  conjugateGradient(history.cols, excess, params.itemFactors, params.itemGram, params.factors, work);
  return Float64Array.from(work.x);
}

/** Predicted preference x_u·y_i of one member for every product. */
export function scoreAls(params: AlsParams, userVector: Float64Array): Float64Array {
  const f = params.factors;
  const scores = new Float64Array(params.items);
  for (let i = 0; i < params.items; i++) scores[i] = dotRow(params.itemFactors, i * f, userVector, f);
  return scores;
}
