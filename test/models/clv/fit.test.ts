// Fits recover the parameters of data simulated from the models themselves.
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaLogLikelihood,
  paretoNbdLogLikelihood,
  repeatBuyers,
} from '../../../src/models/clv/index.js';
import { relativeError } from '../support/cdnow.js';
import { simulateBgNbd, simulateParetoNbd, simulateSpend } from './simulate.js';

describe('fitBgNbd', () => {
  const truth = { r: 0.8, alpha: 6, a: 0.9, b: 3.5 };
  const data = simulateBgNbd(truth, 8000, 11);

  it('recovers simulated parameters and beats the true ones on likelihood', () => {
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(truth, data));
    expect(relativeError(fit.params.r, truth.r)).toBeLessThan(0.1);
    expect(relativeError(fit.params.alpha, truth.alpha)).toBeLessThan(0.15);
    expect(relativeError(fit.params.a, truth.a)).toBeLessThan(0.2);
    expect(relativeError(fit.params.b, truth.b)).toBeLessThan(0.2);
  });

  it('gives the same fit in any time unit, with α scaled by the unit', () => {
    const weekly = fitBgNbd(data.slice(0, 2000));
    const daily = fitBgNbd(data.slice(0, 2000).map((c) => ({ ...c, recency: c.recency * 7, T: c.T * 7 })));
    expect(relativeError(daily.params.r, weekly.params.r)).toBeLessThan(1e-3);
    expect(relativeError(daily.params.alpha, 7 * weekly.params.alpha)).toBeLessThan(1e-3);
    expect(relativeError(daily.params.b, weekly.params.b)).toBeLessThan(1e-3);
  });

  it('shrinks the parameters when penalized', () => {
    const plain = fitBgNbd(data.slice(0, 2000));
    const penalized = fitBgNbd(data.slice(0, 2000), { penalizer: 0.05 });
    const size = (p: typeof plain.params): number => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(size(penalized.params)).toBeLessThan(size(plain.params));
    expect(penalized.logLikelihood).toBeLessThan(plain.logLikelihood);
  });

  it('rejects summaries that cannot be right', () => {
    expect(() => fitBgNbd([{ frequency: 1.5, recency: 1, T: 2 }])).toThrow(/frequency/);
    expect(() => fitBgNbd([{ frequency: 1, recency: 3, T: 2 }])).toThrow(/recency/);
    expect(() => fitBgNbd([{ frequency: 0, recency: 1, T: 2 }])).toThrow(/recency must be 0/);
    expect(() => fitBgNbd([])).toThrow(/at least one/);
  });
});

describe('fitParetoNbd', () => {
  it('recovers simulated parameters and beats the true ones on likelihood', () => {
    const truth = { r: 0.9, alpha: 8, s: 0.7, beta: 12 };
    const data = simulateParetoNbd(truth, 6000, 5);
    const fit = fitParetoNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(paretoNbdLogLikelihood(truth, data));
    expect(relativeError(fit.params.r, truth.r)).toBeLessThan(0.15);
    expect(relativeError(fit.params.alpha, truth.alpha)).toBeLessThan(0.2);
    expect(relativeError(fit.params.s, truth.s)).toBeLessThan(0.2);
    expect(relativeError(fit.params.beta, truth.beta)).toBeLessThan(0.25);
  });
});

describe('fitGammaGamma', () => {
  it('recovers simulated parameters from the repeat buyers only', () => {
    const truth = { p: 5, q: 4, gamma: 20 };
    const customers = simulateSpend(truth, simulateBgNbd({ r: 2, alpha: 6, a: 0.9, b: 3.5 }, 6000, 3), 4);
    const fit = fitGammaGamma(customers);
    const buyers = repeatBuyers(customers);
    expect(fit.n).toBe(buyers.length);
    expect(fit.n).toBeLessThan(customers.length);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, buyers));
    expect(relativeError(fit.params.p, truth.p)).toBeLessThan(0.15);
    expect(relativeError(fit.params.q, truth.q)).toBeLessThan(0.15);
    expect(relativeError(fit.params.gamma, truth.gamma)).toBeLessThan(0.15);
  });

  it('needs at least one repeat buyer', () => {
    expect(() => fitGammaGamma([{ frequency: 0, recency: 0, T: 3, monetaryValue: 0 }])).toThrow(/repeat buyer/);
  });
});
