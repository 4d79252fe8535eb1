// Nelder–Mead simplex minimisation with restarts.
//
// Why this optimizer: the lifetime-value likelihoods have few parameters (3–4), are cheap to
// evaluate, and the Pareto/NBD one involves ₂F₁ whose derivatives in the parameters have no
// cheap closed form. A derivative-free simplex is robust there. Its known weakness — the
// simplex can collapse and stall before the optimum — is handled the standard way: restart
// from the best point with a fresh simplex until a restart no longer improves the value.
//
// Non-finite objective values (NaN, ±∞) are treated as +∞, so an objective can reject a
// region simply by returning NaN.

export type Objective = (x: readonly number[]) => number;

export interface NelderMeadOptions {
  /** Stop when the spread of values across the simplex falls below this (absolute). */
  valueTolerance?: number;
  /** …and the simplex is smaller than this in every coordinate. */
  pointTolerance?: number;
  /** Evaluation budget per run (one run = one simplex until convergence). */
  maxEvaluations?: number;
  /** Edge length of the initial simplex along each axis. */
  initialStep?: number;
  /** Fresh-simplex restarts from the best point after the first run. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  evaluations: number;
  restarts: number;
  /** True when the last run met both tolerances within its budget. */
  converged: boolean;
}

interface RunResult {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

// Standard coefficients: reflection, expansion, contraction, shrink.
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

/** Minimises `objective` from `start`, restarting from the best point until it stops improving. */
export function minimizeNelderMead(objective: Objective, start: readonly number[], options: NelderMeadOptions = {}): MinimizeResult {
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const maxRestarts = options.maxRestarts ?? 5;
  const safe: Objective = (x) => {
    const v = objective(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best = runSimplex(safe, start, options);
  let evaluations = best.evaluations;
  let restarts = 0;
  while (restarts < maxRestarts) {
    const next = runSimplex(safe, best.x, options);
    evaluations += next.evaluations;
    restarts++;
    const improvement = best.value - next.value;
    if (next.value < best.value) best = next;
    else best = { ...best, converged: next.converged };
    if (!(improvement > valueTolerance)) break;
  }
  return { x: best.x, value: best.value, evaluations, restarts, converged: best.converged };
}

function runSimplex(f: Objective, start: readonly number[], options: NelderMeadOptions): RunResult {
  const n = start.length;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  const maxEvaluations = options.maxEvaluations ?? 2000 * n;
  const step = options.initialStep ?? 0.25;

  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  const values = points.map(f);
  let evaluations = n + 1;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Array<number>(n).fill(0);
  // Point along the line from the centroid through the worst vertex: centroid + t·(worst − centroid).
  const along = (worst: number[], t: number): number[] => centroid.map((c, j) => c + t * ((worst[j] as number) - c));

  for (;;) {
    order.sort((i, j) => (values[i] as number) - (values[j] as number));
    const bestIdx = order[0] as number;
    const worstIdx = order[n] as number;
    const secondWorstIdx = order[n - 1] as number;
    const bestValue = values[bestIdx] as number;
    const worstValue = values[worstIdx] as number;

    if (isConverged(points, bestIdx, worstValue - bestValue, valueTolerance, pointTolerance)) {
      return { x: (points[bestIdx] as number[]).slice(), value: bestValue, evaluations, converged: true };
    }
    if (evaluations >= maxEvaluations) {
      return { x: (points[bestIdx] as number[]).slice(), value: bestValue, evaluations, converged: false };
    }

    centroid.fill(0);
    for (const idx of order.slice(0, n)) {
      const p = points[idx] as number[];
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const worst = points[worstIdx] as number[];
    const reflected = along(worst, -REFLECT);
    const reflectedValue = f(reflected);
    evaluations++;

    if (reflectedValue < bestValue) {
      const expanded = along(worst, -EXPAND);
      const expandedValue = f(expanded);
      evaluations++;
      if (expandedValue < reflectedValue) replace(worstIdx, expanded, expandedValue);
      else replace(worstIdx, reflected, reflectedValue);
      continue;
    }
    if (reflectedValue < (values[secondWorstIdx] as number)) {
      replace(worstIdx, reflected, reflectedValue);
      continue;
    }
    // Contract towards the better of the worst vertex and its reflection.
    const outside = reflectedValue < worstValue;
    const contracted = along(worst, outside ? -CONTRACT : CONTRACT);
    const contractedValue = f(contracted);
    evaluations++;
    if (contractedValue < (outside ? reflectedValue : worstValue)) {
      replace(worstIdx, contracted, contractedValue);
      continue;
    }
    // Nothing worked: shrink every vertex towards the best one.
    const bestPoint = points[bestIdx] as number[];
    for (const idx of order.slice(1)) {
      const p = (points[idx] as number[]).map((v, j) => (bestPoint[j] as number) + SHRINK * (v - (bestPoint[j] as number)));
      replace(idx, p, f(p));
      evaluations++;
    }
  }

  function replace(idx: number, point: number[], value: number): void {
    points[idx] = point;
    values[idx] = value;
  }
}

function isConverged(points: number[][], bestIdx: number, valueSpread: number, valueTolerance: number, pointTolerance: number): boolean {
  if (!(valueSpread <= valueTolerance)) return false;
  const best = points[bestIdx] as number[];
  for (const p of points) {
    for (let j = 0; j < best.length; j++) {
      if (Math.abs((p[j] as number) - (best[j] as number)) > pointTolerance) return false;
    }
  }
  return true;
}
