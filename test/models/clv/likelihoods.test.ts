// The likelihood formulas checked against independent derivations (no reference data needed).
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  paretoNbdLogLikelihood,
  type BgNbdParams,
  type CustomerRfm,
  type ParetoNbdParams,
} from '../../../src/models/clv/index.js';
import { gammaln, gaussLegendre } from '../../../src/models/special/index.js';

const RULE = gaussLegendre(60);

function integrate(f: (t: number) => number, lo: number, hi: number): number {
  let sum = 0;
  RULE.nodes.forEach((node, i) => {
    const t = lo + ((node + 1) / 2) * (hi - lo);
    sum += (RULE.weights[i] as number) * f(t);
  });
  return (sum * (hi - lo)) / 2;
}

/**
 * Total probability of all possible calibration histories for age T. A summary (x, t_x) stands
 * for every set of x purchase times with the last at t_x, so its density is the likelihood
 * times the volume t_x^(x−1)/(x−1)! of the earlier purchase times. The total must be 1.
 */
function totalProbability(likelihood: (c: CustomerRfm) => number, T: number, maxFrequency: number): number {
  let total = likelihood({ frequency: 0, recency: 0, T });
  for (let x = 1; x <= maxFrequency; x++) {
    const logVolume = (t: number): number => (x - 1) * Math.log(t) - gammaln(x);
    // Split at T/10: densities with small shapes are steep near 0.
    const density = (t: number): number => likelihood({ frequency: x, recency: t, T }) * Math.exp(logVolume(t));
    total += integrate(density, 0, T / 10) + integrate(density, T / 10, T);
  }
  return total;
}

describe('BG/NBD likelihood', () => {
  it('is a probability distribution over calibration histories', () => {
    const params: BgNbdParams = { r: 2.5, alpha: 6, a: 1.3, b: 3.1 };
    const likelihood = (c: CustomerRfm): number => Math.exp(bgnbdLogLikelihood(params, [c]));
    expect(totalProbability(likelihood, 20, 120)).toBeCloseTo(1, 6);
  });

  it('adds up over customers and is unchanged by their order', () => {
    const params: BgNbdParams = { r: 0.3, alpha: 4, a: 0.8, b: 2.4 };
    const a = { frequency: 3, recency: 20, T: 30 };
    const b = { frequency: 0, recency: 0, T: 12 };
    const sum = bgnbdLogLikelihood(params, [a]) + bgnbdLogLikelihood(params, [b]) * 2;
    expect(bgnbdLogLikelihood(params, [b, a, b])).toBeCloseTo(sum, 10);
  });
});

describe('Pareto/NBD likelihood', () => {
  /** The likelihood straight from its definition, with the dropout time integrated numerically. */
  function directLikelihood({ r, alpha, s, beta }: ParetoNbdParams, { frequency: x, recency, T }: CustomerRfm): number {
    const front = Math.exp(gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta));
    const alive = (alpha + T) ** -(r + x) * (beta + T) ** -s;
    const droppedOut = s * integrate((tau) => (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1), recency, T);
    return front * (alive + droppedOut);
  }

  const cases: Array<[string, ParetoNbdParams]> = [
    ['α < β', { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }],
    ['α > β', { r: 1.2, alpha: 25, s: 0.4, beta: 3 }],
    ['α = β', { r: 0.8, alpha: 5, s: 1.5, beta: 5 }],
  ];
  const customers: CustomerRfm[] = [
    { frequency: 0, recency: 0, T: 38.86 },
    { frequency: 2, recency: 30.43, T: 38.86 },
    { frequency: 7, recency: 5, T: 40 },
    { frequency: 1, recency: 12, T: 12 },
  ];

  it.each(cases)('matches numerical integration of the dropout time (%s)', (_label, params) => {
    for (const c of customers) {
      const expected = Math.log(directLikelihood(params, c));
      expect(paretoNbdLogLikelihood(params, [c])).toBeCloseTo(expected, 9);
    }
  });

  it('is a probability distribution over calibration histories', () => {
    const params: ParetoNbdParams = { r: 2, alpha: 5, s: 1.4, beta: 9 };
    const likelihood = (c: CustomerRfm): number => Math.exp(paretoNbdLogLikelihood(params, [c]));
    expect(totalProbability(likelihood, 20, 120)).toBeCloseTo(1, 6);
  });
});
