// Gauss hypergeometric function ₂F₁(a, b; c; z) for the real, positive arguments that the
// BG/NBD and Pareto/NBD models need: a, b, c > 0 and 0 ≤ z < 1.
//
// Evaluated as the power series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ. Two details keep it stable:
//  - When c − a − b < 0 the function grows like (1 − z)^(c−a−b) near z = 1 and the direct
//    series has large terms. Euler's transformation
//        ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z)
//    moves that growth into a closed-form factor and leaves a series with smaller terms
//    (used whenever c − a and c − b are positive, so all terms stay positive).
//  - The partial sum is rescaled whenever it grows large and the scale is returned as a
//    logarithm, so the result never overflows even for large a (many repeat purchases).
// All terms are positive, so there is no cancellation; the series converges geometrically
// with ratio → z and stops once a rigorous bound on the remaining tail is below tolerance. Arguments very close to 1 need many terms; past `maxTerms` the result is
// NaN (a likelihood treats that as "not this parameter region").

const RESCALE_ABOVE = 1e250;
const LOG_RESCALE = Math.log(RESCALE_ABOVE);

export interface Hyp2f1Options {
  /** Relative size of the last term at which the series stops. */
  tolerance?: number;
  maxTerms?: number;
}

/** ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1; NaN outside that domain. */
export function logHyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) return Number.NaN;
  if (z === 0) return 0;
  const excess = c - a - b;
  if (excess < 0 && c - a > 0 && c - b > 0) {
    return excess * Math.log1p(-z) + logPositiveSeries(c - a, c - b, c, z, options);
  }
  return logPositiveSeries(a, b, c, z, options);
}

/** ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1 (may be +∞ when the value exceeds doubles). */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  return Math.exp(logHyp2f1(a, b, c, z, options));
}

function logPositiveSeries(a: number, b: number, c: number, z: number, options: Hyp2f1Options): number {
  const tolerance = options.tolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 1_000_000;
  // Term n+1 / term n = z·(a+n)(b+n)/((c+n)(n+1)) = z·(1 + (k + nm)/((c+n)(n+1))) with
  // k = ab − c and m = a + b − c − 1. For every later term that ratio is at most
  // z·(1 + k⁺/((c+n)(n+1)) + m⁺/(c+n)), which bounds the tail rigorously.
  const kPlus = Math.max(a * b - c, 0);
  const mPlus = Math.max(a + b - c - 1, 0);
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (sum > RESCALE_ABOVE) {
      sum /= RESCALE_ABOVE;
      term /= RESCALE_ABOVE;
      logScale += LOG_RESCALE;
    }
    // Cheap pre-check first; the rigorous bound costs two divisions.
    if (term > tolerance * sum) continue;
    const next = n + 1;
    const bound = z * (1 + kPlus / ((c + next) * (next + 1)) + mPlus / (c + next));
    if (bound < 1 && term * bound <= tolerance * sum * (1 - bound)) return logScale + Math.log(sum);
  }
  return Number.NaN;
}
