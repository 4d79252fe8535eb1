// The policy: estimate what each remaining action is worth to this member — probability of a
// good outcome × its value − the cost of contact — and choose by Thompson sampling, where each
// action's success rate is a Beta posterior learned from outcomes. Silence is always a candidate,
// worth exactly 0 and costing nothing: an action wins only if its sampled value beats silence.
//
// Rather than drawing once, we compute the probability that each candidate would win a Thompson
// draw (normal approximation of each posterior, integrated numerically) and pick by those
// probabilities. The choice is the same in distribution, and the probability we log for
// off-policy evaluation is exact rather than estimated.
import type { Rng } from '../core/random.js';

export interface Candidate {
  key: string;
  /** Beta posterior of the success rate. */
  alpha: number;
  beta: number;
  /** Value of a success, in money. */
  value: number;
  /** Cost of making contact (fatigue and regret risk), in money. */
  cost: number;
}

export interface Scored extends Candidate {
  /** Expected value: posterior mean × value − cost. */
  expectedValue: number;
  /** Probability of being chosen (silence is scored separately). */
  probability: number;
}

export interface PolicyChoice {
  /** Index into the candidates, or -1 for silence. */
  chosen: number;
  probability: number;
  silenceProbability: number;
  scored: Scored[];
}

/** Candidates below this choice probability are treated as never chosen (and logged as 0). */
export const NEGLIGIBLE = 1e-6;

// Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8).
function phi(z: number): number {
  if (z < -9) return 0;
  if (z > 9) return 1;
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const tail = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - tail : tail;
}

// 24-point Gauss–Legendre nodes and weights on [-1, 1], computed once by Newton's method.
const GL = (() => {
  const n = 24;
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      const dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) {
        nodes.push(x);
        weights.push(2 / ((1 - x * x) * dp * dp));
        break;
      }
    }
  }
  return { nodes, weights };
})();

interface Normal {
  mean: number;
  sd: number;
}

function valueDistribution(c: Candidate): Normal {
  const n = c.alpha + c.beta;
  const mean = c.alpha / n;
  const sd = Math.sqrt((c.alpha * c.beta) / (n * n * (n + 1)));
  return { mean: mean * c.value - c.cost, sd: Math.max(sd * c.value, 1e-9) };
}

/** P(candidate i's sampled value exceeds silence (0) and every other candidate's). */
function winProbability(i: number, dists: Normal[]): number {
  const own = dists[i] as Normal;
  const lo = Math.max(0, own.mean - 8 * own.sd);
  const hi = own.mean + 8 * own.sd;
  if (hi <= lo) return 0;
  const half = (hi - lo) / 2;
  const mid = (hi + lo) / 2;
  let total = 0;
  for (let k = 0; k < GL.nodes.length; k++) {
    const x = mid + half * (GL.nodes[k] as number);
    const z = (x - own.mean) / own.sd;
    let density = (0.3989422804014327 * Math.exp((-z * z) / 2)) / own.sd;
    for (let j = 0; j < dists.length && density > 0; j++) {
      if (j === i) continue;
      const other = dists[j] as Normal;
      density *= phi((x - other.mean) / other.sd);
    }
    total += (GL.weights[k] as number) * density;
  }
  return total * half;
}

/** Scores every candidate and computes the probability that Thompson sampling picks each. */
export function scoreCandidates(candidates: readonly Candidate[]): { scored: Scored[]; silenceProbability: number } {
  const dists = candidates.map(valueDistribution);
  const raw = candidates.map((_, i) => winProbability(i, dists));
  const silence = dists.reduce((p, d) => p * phi(-d.mean / d.sd), 1);
  const total = raw.reduce((a, b) => a + b, silence);
  const scored = candidates.map((c, i) => {
    const p = (raw[i] as number) / total;
    return { ...c, expectedValue: (dists[i] as Normal).mean, probability: p < NEGLIGIBLE ? 0 : p };
  });
  const kept = scored.reduce((sum, s) => sum + s.probability, 0);
  const silenceProbability = Math.max(0, 1 - kept);
  return { scored, silenceProbability };
}

/** Picks silence or a candidate with exactly the computed probabilities. */
export function choose(candidates: readonly Candidate[], rng: Rng): PolicyChoice {
  const { scored, silenceProbability } = scoreCandidates(candidates);
  let u = rng.next();
  for (let i = 0; i < scored.length; i++) {
    const p = (scored[i] as Scored).probability;
    if (u < p) return { chosen: i, probability: p, silenceProbability, scored };
    u -= p;
  }
  return { chosen: -1, probability: silenceProbability, silenceProbability, scored };
}
