import { describe, expect, it } from 'vitest';
import {
  bgnbdExpectedPurchases,
  bgnbdProbabilityAlive,
  bgnbdProbabilityNoPurchase,
  discountedExpectedPurchases,
  gammaGammaExpectedSpend,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  predictCustomerValue,
  type BgNbdParams,
  type CustomerRfm,
  type ParetoNbdParams,
  type PurchaseModel,
} from '../../../src/models/clv/index.js';
import { createRng } from '../../../src/core/random.js';
import { simulateBgNbdWithHoldout } from './simulate.js';

const BGNBD: BgNbdParams = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const PARETO: ParetoNbdParams = { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 };
const CUSTOMERS: CustomerRfm[] = [
  { frequency: 0, recency: 0, T: 0.5 },
  { frequency: 0, recency: 0, T: 38 },
  { frequency: 2, recency: 30.43, T: 38.86 },
  { frequency: 15, recency: 30, T: 38 },
  { frequency: 1, recency: 1, T: 70 },
];
const MODELS: PurchaseModel[] = [
  { kind: 'bgnbd', params: BGNBD },
  { kind: 'paretonbd', params: PARETO },
];

describe('BG/NBD predictions', () => {
  it('P(alive) is 1 without repeat purchases and falls with time since the last one', () => {
    expect(bgnbdProbabilityAlive(BGNBD, { frequency: 0, recency: 0, T: 30 })).toBe(1);
    const recent = bgnbdProbabilityAlive(BGNBD, { frequency: 3, recency: 29, T: 30 });
    const lapsed = bgnbdProbabilityAlive(BGNBD, { frequency: 3, recency: 5, T: 30 });
    expect(recent).toBeGreaterThan(lapsed);
  });

  it('P(no purchase) starts at 1, falls with the window and levels off at 1 − P(alive)', () => {
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    expect(bgnbdProbabilityNoPurchase(BGNBD, c, 0)).toBe(1);
    const week = bgnbdProbabilityNoPurchase(BGNBD, c, 1);
    const year = bgnbdProbabilityNoPurchase(BGNBD, c, 52);
    expect(week).toBeGreaterThan(year);
    expect(bgnbdProbabilityNoPurchase(BGNBD, c, 1e9)).toBeCloseTo(1 - bgnbdProbabilityAlive(BGNBD, c), 3);
  });

  it('expected purchases and P(no purchase) match simulated futures', () => {
    // With the true parameters, the conditional predictions summed over customers must match
    // what the simulated customers went on to do (a check of the formulas, not of a fit).
    const truth: BgNbdParams = { r: 1.5, alpha: 8, a: 1.2, b: 4 };
    const futures = simulateBgNbdWithHoldout(truth, 20_000, 21, 26);
    let expected = 0;
    let actual = 0;
    let expectedNone = 0;
    let actualNone = 0;
    for (const { customer, holdoutPurchases } of futures) {
      expected += bgnbdExpectedPurchases(truth, customer, 26);
      actual += holdoutPurchases;
      expectedNone += bgnbdProbabilityNoPurchase(truth, customer, 26);
      actualNone += holdoutPurchases === 0 ? 1 : 0;
    }
    expect(Math.abs(expected / actual - 1)).toBeLessThan(0.03);
    expect(Math.abs(expectedNone / actualNone - 1)).toBeLessThan(0.01);
  });
});

describe('Pareto/NBD predictions', () => {
  it('handles s = 1 as the limit of s → 1', () => {
    const c = { frequency: 3, recency: 20, T: 30 };
    const at = (s: number): number => paretoNbdExpectedPurchases({ ...PARETO, s }, c, 39);
    expect(at(1)).toBeCloseTo((at(1 - 1e-7) + at(1 + 1e-7)) / 2, 8);
  });

  it('P(alive) is highest right after a purchase', () => {
    const recent = paretoNbdProbabilityAlive(PARETO, { frequency: 3, recency: 30, T: 30 });
    const lapsed = paretoNbdProbabilityAlive(PARETO, { frequency: 3, recency: 2, T: 30 });
    expect(recent).toBeGreaterThan(lapsed);
    expect(recent).toBeLessThanOrEqual(1);
  });
});

describe('discounted value', () => {
  it.each(MODELS)('integrating the purchase rate reproduces the closed-form expectation ($kind)', (model) => {
    // A negligible discount rate takes the quadrature path; it must agree with the closed form.
    for (const c of CUSTOMERS) {
      for (const horizon of [13, 39, 520]) {
        const closed = model.kind === 'bgnbd' ? bgnbdExpectedPurchases(model.params, c, horizon) : paretoNbdExpectedPurchases(model.params, c, horizon);
        const integrated = discountedExpectedPurchases(model, c, { horizon, discountRate: 1e-12 });
        expect(Math.abs(integrated / closed - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it.each(MODELS)('discounting lowers the value, more so at higher rates ($kind)', (model) => {
    const c = { frequency: 4, recency: 30, T: 38 };
    const values = [0, 0.001, 0.01, 0.05].map((discountRate) => discountedExpectedPurchases(model, c, { horizon: 52, discountRate }));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] as number);
  });

  it('is bounded by the undiscounted value and the value discounted at the horizon', () => {
    const model = MODELS[0] as PurchaseModel;
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    const rate = 0.01;
    const horizon = 39;
    const undiscounted = discountedExpectedPurchases(model, c, { horizon });
    const discounted = discountedExpectedPurchases(model, c, { horizon, discountRate: rate });
    expect(discounted).toBeLessThan(undiscounted);
    expect(discounted).toBeGreaterThan(undiscounted * (1 + rate) ** -horizon);
  });

  it('combines purchases, P(alive) and spend into CLV', () => {
    const spend = { p: 6.2493, q: 3.7443, gamma: 15.4443 };
    const c = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };
    const value = predictCustomerValue({ kind: 'bgnbd', params: BGNBD }, spend, c, { horizon: 39, discountRate: 0.002 });
    expect(value.expectedPurchases).toBeCloseTo(bgnbdExpectedPurchases(BGNBD, c, 39), 12);
    expect(value.pAlive).toBeCloseTo(0.7266, 3);
    expect(value.expectedSpend).toBeCloseTo(gammaGammaExpectedSpend(spend, c), 12);
    expect(value.clv).toBeLessThan((value.expectedSpend as number) * value.expectedPurchases);
    const noSpend = predictCustomerValue({ kind: 'bgnbd', params: BGNBD }, undefined, c, { horizon: 39 });
    expect(noSpend.clv).toBeUndefined();
  });
});

describe('Gamma-Gamma expected spend', () => {
  const params = { p: 6.2493, q: 3.7443, gamma: 15.4443 };
  const populationMean = (params.p * params.gamma) / (params.q - 1);

  it('is the population mean without repeat purchases and moves towards z̄ with more of them', () => {
    expect(gammaGammaExpectedSpend(params, { frequency: 0, recency: 0, T: 10 })).toBeCloseTo(populationMean, 12);
    const few = gammaGammaExpectedSpend(params, { frequency: 1, recency: 5, T: 10, monetaryValue: 100 });
    const many = gammaGammaExpectedSpend(params, { frequency: 20, recency: 9, T: 10, monetaryValue: 100 });
    expect(few).toBeGreaterThan(populationMean);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(100);
  });

  it('is a weighted average of the population mean and the customer mean', () => {
    const rng = createRng(9);
    for (let i = 0; i < 50; i++) {
      const frequency = 1 + Math.floor(rng.next() * 30);
      const zbar = 1 + rng.next() * 200;
      const spend = gammaGammaExpectedSpend(params, { frequency, recency: 1, T: 2, monetaryValue: zbar });
      expect(spend).toBeGreaterThanOrEqual(Math.min(zbar, populationMean) - 1e-9);
      expect(spend).toBeLessThanOrEqual(Math.max(zbar, populationMean) + 1e-9);
    }
  });
});
