// Exploration: turn scores into the probability of choosing each action, so that the decision
// engine both explores and logs the propensity of the action it picked (what off-policy
// evaluation needs later). Every function returns probabilities in action order, summing to 1.
import betaln from '@stdlib/math-base-special-betaln';
import { type Rng, randomBeta } from '../core/random.js';

/**
 * ε-greedy: with probability ε pick uniformly at random, otherwise the best score. Ties for the
 * best share the greedy mass. ε = 0 is pure greedy (other actions get probability 0).
 */
export function epsilonGreedyProbabilities(scores: readonly number[], epsilon: number): number[] {
  requireActions(scores);
  if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`epsilon must be in [0, 1], got ${epsilon}`);
  const best = Math.max(...scores);
  const bestCount = scores.filter((s) => s === best).length;
  const explore = epsilon / scores.length;
  return scores.map((s) => explore + (s === best ? (1 - epsilon) / bestCount : 0));
}

/**
 * Softmax (Boltzmann): p_i ∝ exp(λ s_i). λ = 1 / temperature: 0 is uniform, large λ approaches
 * greedy. Computed relative to the best score so that exp never overflows.
 */
export function softmaxProbabilities(scores: readonly number[], lambda: number): number[] {
  requireActions(scores);
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`lambda must be a finite number >= 0, got ${lambda}`);
  const best = Math.max(...scores);
  const raw = scores.map((s) => Math.exp(lambda * (s - best)));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}

/** A Bernoulli arm's Beta posterior (prior pseudo-counts plus successes and failures). */
export interface BetaArm {
  alpha: number;
  beta: number;
}

/** Thompson sampling: draw each arm's success rate from its posterior, pick the highest. */
export function thompsonSample(arms: readonly BetaArm[], rng: Rng): number {
  requireArms(arms);
  let bestArm = 0;
  let bestDraw = -1;
  arms.forEach((arm, i) => {
    const draw = randomBeta(rng, arm.alpha, arm.beta);
    if (draw > bestDraw) {
      bestArm = i;
      bestDraw = draw;
    }
  });
  return bestArm;
}

/**
 * Probability that Thompson sampling picks each arm, estimated from `draws` simulated rounds.
 * Each arm gets 1/K of one pseudo-draw, (wins + 1/K) / (draws + 1): an arm that can be chosen
 * is never logged with propensity 0, and the probabilities still sum to 1.
 */
export function thompsonProbabilitiesSampled(arms: readonly BetaArm[], draws: number, rng: Rng): number[] {
  requireArms(arms);
  if (!(Number.isInteger(draws) && draws > 0)) throw new RangeError(`draws must be a positive integer, got ${draws}`);
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) {
    const arm = thompsonSample(arms, rng);
    wins[arm] = (wins[arm] as number) + 1;
  }
  const prior = 1 / arms.length;
  return wins.map((w) => (w + prior) / (draws + 1));
}

/**
 * Exact probabilities for two arms: P(X₁ > X₂) = ∫₀¹ f₁(x) I_x(α₂, β₂) dx, with f₁ the first
 * posterior's density and I the regularized incomplete beta function, by adaptive quadrature.
 */
export function thompsonProbabilitiesTwoArms(first: BetaArm, second: BetaArm): [number, number] {
  requireArms([first, second]);
  const logNorm = betaln(first.alpha, first.beta);
  // Takes x and 1 − x separately: near 1, 1 − x is known far more precisely than x.
  const integrand = (x: number, oneMinusX: number): number =>
    Math.exp((first.alpha - 1) * Math.log(x) + (first.beta - 1) * Math.log(oneMinusX) - logNorm) *
    incompleteBeta(x, oneMinusX, second.alpha, second.beta);
  // Split [0, 1] around where the two posteriors have their mass so no narrow peak is missed.
  const cuts = new Set<number>([0, 1]);
  for (const arm of [first, second]) {
    const n = arm.alpha + arm.beta;
    const mean = arm.alpha / n;
    const sd = Math.sqrt((arm.alpha * arm.beta) / (n * n * (n + 1)));
    for (const z of [-12, -6, -3, -1, 0, 1, 3, 6, 12]) cuts.add(Math.min(1, Math.max(0, mean + z * sd)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Near 0 the integrand behaves like x^(α₁ + α₂ − 1), near 1 like (1 − x)^(β₁ − 1): the end
  // panels are integrated with a change of variable that smooths those powers.
  const last = points.length - 1;
  let p = 0;
  for (let i = 1; i <= last; i++) {
    const lo = points[i - 1] as number;
    const hi = points[i] as number;
    if (i === 1) p += integrateWithEndpointPower(integrand, lo, hi, first.alpha + second.alpha - 1, 'lower');
    else if (i === last) p += integrateWithEndpointPower(integrand, lo, hi, first.beta - 1, 'upper');
    else p += adaptiveGaussLegendre((x) => integrand(x, 1 - x), lo, hi, PANEL_TOLERANCE, MAX_BISECTIONS);
  }
  p = Math.min(1, Math.max(0, p));
  return [p, 1 - p];
}

export interface ThompsonDecision {
  /** Index of the chosen arm. */
  arm: number;
  /** Selection probability of every arm; `probabilities[arm]` is the propensity to log. */
  probabilities: number[];
}

/** Picks an arm by Thompson sampling and reports the selection probabilities to log. */
export function thompsonDecision(arms: readonly BetaArm[], rng: Rng, draws = 10_000): ThompsonDecision {
  const arm = thompsonSample(arms, rng);
  const probabilities =
    arms.length === 2 ? thompsonProbabilitiesTwoArms(arms[0] as BetaArm, arms[1] as BetaArm) : thompsonProbabilitiesSampled(arms, draws, rng);
  return { arm, probabilities };
}

/**
 * Regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz), using the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  return incompleteBeta(x, 1 - x, a, b);
}

/** I_x(a, b) given both x and y = 1 − x. */
function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - betaln(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (v: number): number => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    // Even step d_{2m}, then odd step d_{2m+1} of the fraction.
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

const GAUSS_ORDER = 10;
const gaussRule = gaussLegendreRule(GAUSS_ORDER);

/** Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n). */
function gaussLegendreRule(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (n * (z * p1 - p2)) / (z * z - 1);
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    nodes.push(z);
    weights.push(2 / ((1 - z * z) * derivative * derivative));
  }
  return { nodes, weights };
}

function gaussLegendre(f: (x: number) => number, lo: number, hi: number): number {
  const half = (hi - lo) / 2;
  const mid = (hi + lo) / 2;
  let sum = 0;
  gaussRule.nodes.forEach((z, i) => {
    sum += (gaussRule.weights[i] as number) * f(mid + half * z);
  });
  return sum * half;
}

/**
 * ∫ f over [lo, hi] when f behaves like (distance to one end)^power there: substituting
 * distance = (hi − lo) u^q with q = 2 / (power + 1) turns that into a smooth power of u.
 */
function integrateWithEndpointPower(
  f: (x: number, oneMinusX: number) => number,
  lo: number,
  hi: number,
  power: number,
  end: 'lower' | 'upper',
): number {
  const q = Math.max(1, 2 / (power + 1));
  const width = hi - lo;
  const transformed = (u: number): number => {
    const distance = width * Math.pow(u, q);
    const value = end === 'lower' ? f(lo + distance, 1 - lo - distance) : f(hi - distance, 1 - hi + distance);
    return value * width * q * Math.pow(u, q - 1);
  };
  return adaptiveGaussLegendre(transformed, 0, 1, PANEL_TOLERANCE, MAX_BISECTIONS);
}

// Absolute error accepted per panel (the integral is a probability), and how deep a panel may be
// bisected. The density itself is only accurate to ~1e-11 for posteriors with millions of
// pseudo-counts (ln B(α, β) is then a large number), so asking for more only wastes time.
const PANEL_TOLERANCE = 1e-11;
const MAX_BISECTIONS = 18;

/** Bisects until one panel and its two halves agree (never evaluates the end points). */
function adaptiveGaussLegendre(f: (x: number) => number, lo: number, hi: number, tolerance: number, depth: number): number {
  if (hi <= lo) return 0;
  const whole = gaussLegendre(f, lo, hi);
  const mid = (lo + hi) / 2;
  const left = gaussLegendre(f, lo, mid);
  const right = gaussLegendre(f, mid, hi);
  if (depth <= 0 || !(Math.abs(left + right - whole) > tolerance)) return left + right;
  return adaptiveGaussLegendre(f, lo, mid, tolerance, depth - 1) + adaptiveGaussLegendre(f, mid, hi, tolerance, depth - 1);
}

function requireActions(scores: readonly number[]): void {
  if (scores.length === 0) throw new RangeError('need at least one action');
  if (scores.some((s) => !Number.isFinite(s))) throw new RangeError('scores must be finite numbers');
}

function requireArms(arms: readonly BetaArm[]): void {
  if (arms.length === 0) throw new RangeError('need at least one arm');
  arms.forEach((arm, i) => {
    if (!(arm.alpha > 0 && arm.beta > 0)) throw new RangeError(`arm ${i}: Beta parameters must be > 0`);
  });
}
