// Draws synthetic customers from the models' own generative stories, so fits can be checked
// against known true parameters.
import { createRng, randomBeta, randomGamma, type Rng } from '../../../src/core/random.js';
import type { BgNbdParams, CustomerRfm, GammaGammaParams, ParetoNbdParams } from '../../../src/models/clv/index.js';

function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/** Customers first buying at 0 and observed until a T drawn uniformly from [minT, maxT]. */
export function simulateBgNbd(params: BgNbdParams, n: number, seed: number, minT = 20, maxT = 52): CustomerRfm[] {
  return simulateBgNbdWithHoldout(params, n, seed, 0, minT, maxT).map(({ customer }) => customer);
}

export interface SimulatedFuture {
  customer: CustomerRfm;
  /** Purchases in the `holdout` time units after T. */
  holdoutPurchases: number;
}

export function simulateBgNbdWithHoldout(params: BgNbdParams, n: number, seed: number, holdout: number, minT = 20, maxT = 52): SimulatedFuture[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const T = minT + rng.next() * (maxT - minT);
    const lambda = randomGamma(rng, params.r) / params.alpha;
    const p = randomBeta(rng, params.a, params.b);
    let frequency = 0;
    let recency = 0;
    let holdoutPurchases = 0;
    let t = exponential(rng, lambda);
    // Dropout can happen right after each repeat purchase.
    while (t <= T + holdout) {
      if (t <= T) {
        frequency++;
        recency = t;
      } else {
        holdoutPurchases++;
      }
      if (rng.next() < p) break;
      t += exponential(rng, lambda);
    }
    return { customer: { frequency, recency, T }, holdoutPurchases };
  });
}

export function simulateParetoNbd(params: ParetoNbdParams, n: number, seed: number, minT = 20, maxT = 52): CustomerRfm[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const T = minT + rng.next() * (maxT - minT);
    const lambda = randomGamma(rng, params.r) / params.alpha;
    const lifetime = exponential(rng, randomGamma(rng, params.s) / params.beta);
    const end = Math.min(T, lifetime);
    let frequency = 0;
    let recency = 0;
    for (let t = exponential(rng, lambda); t <= end; t += exponential(rng, lambda)) {
      frequency++;
      recency = t;
    }
    return { frequency, recency, T };
  });
}

/** Adds mean repeat spend z̄ to customers following the Gamma-Gamma story. */
export function simulateSpend<C extends CustomerRfm>(params: GammaGammaParams, customers: readonly C[], seed: number): C[] {
  const rng = createRng(seed);
  return customers.map((c) => {
    if (c.frequency === 0) return { ...c, monetaryValue: 0 };
    const nu = randomGamma(rng, params.q) / params.gamma;
    let total = 0;
    for (let i = 0; i < c.frequency; i++) total += randomGamma(rng, params.p) / nu;
    return { ...c, monetaryValue: total / c.frequency };
  });
}
