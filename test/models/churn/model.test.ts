import { describe, expect, it } from 'vitest';
import { fitBgNbd, summarizeHistory, type CustomerSummary, type PurchaseHistory } from '../../../src/models/clv/index.js';
import {
  HISTORY_FEATURES,
  buildChurnFeatures,
  evaluateChurn,
  historiesUpTo,
  noPurchaseLabel,
  scoreChurnRisk,
  trainChurnModel,
  type MemberSignals,
} from '../../../src/models/churn/index.js';
import { simulateHistories } from './simulate-histories.js';

const histories = simulateHistories(3000, 17);
const calibrationEnd = 250;

function bgnbdAt(hs: readonly PurchaseHistory[], day: number) {
  const summaries = hs.map((h) => summarizeHistory(h, day, 'week')).filter((s): s is CustomerSummary => s !== undefined);
  return fitBgNbd(summaries).params;
}

describe('buildChurnFeatures', () => {
  const purchaseModel = bgnbdAt(histories, calibrationEnd);
  const options = { cutoffDay: calibrationEnd, windowDays: 90, unit: 'week' as const, purchaseModel };

  it('does not look past the cutoff: changing later purchases changes no feature', () => {
    const before = buildChurnFeatures(histories, options);
    const rewritten = histories.map((h) => {
      const kept = h.days.filter((d) => d <= calibrationEnd).length;
      const days = [...h.days.slice(0, kept), calibrationEnd + 1, calibrationEnd + 2];
      return { ...h, days, amounts: days.map((_, i) => (h.amounts[i] ?? 0) + (i >= kept ? 1000 : 0)) };
    });
    expect(buildChurnFeatures(rewritten, options)).toEqual(before);
  });

  it('has one row per member known at the cutoff, with the history features first', () => {
    const table = buildChurnFeatures(histories, { ...options, cutoffDay: 40 });
    expect(table.names).toEqual([...HISTORY_FEATURES]);
    expect(table.rows.length).toBe(histories.filter((h) => (h.days[0] as number) <= 40).length);
    for (const row of table.rows) for (const v of row) expect(Number.isFinite(v)).toBe(true);
  });

  it('appends optional signals as of the cutoff, NaN where a member has none', () => {
    const asked: number[] = [];
    const signals: MemberSignals = {
      names: ['emailEngagementDecline', 'complaintRate'],
      valuesAsOf(day) {
        asked.push(day);
        return new Map([['m0', { emailEngagementDecline: 0.4, complaintRate: 0 }]]);
      },
    };
    const table = buildChurnFeatures(histories, { ...options, signals });
    expect(asked).toEqual([calibrationEnd]);
    expect(table.names.slice(-2)).toEqual(['emailEngagementDecline', 'complaintRate']);
    expect(table.rows[table.memberIds.indexOf('m0')]?.slice(-2)).toEqual([0.4, 0]);
    expect(table.rows[table.memberIds.indexOf('m1')]?.slice(-2)).toEqual([Number.NaN, Number.NaN]);
  });
});

describe('noPurchaseLabel', () => {
  it('is 1 only when no purchase falls in (from, from + window]', () => {
    const h = { customerId: 'x', days: [10, 20, 35], amounts: [1, 1, 1] };
    expect(noPurchaseLabel(h, 20, 10)).toBe(1);
    expect(noPurchaseLabel(h, 20, 15)).toBe(0);
    expect(noPurchaseLabel(h, 9, 1)).toBe(0);
  });
});

describe('trainChurnModel', () => {
  it('reads nothing after the as-of day: the future does not change the model', () => {
    const full = trainChurnModel(histories, calibrationEnd, { windowDays: 90 });
    const known = trainChurnModel(historiesUpTo(histories, calibrationEnd), calibrationEnd, { windowDays: 90 });
    expect(full.classifier).toEqual(known.classifier);
    expect(full.training.cutoffDay + full.training.windowDays).toBeLessThanOrEqual(calibrationEnd);
    expect(full.training.windowDays).toBe(90);
  });

  it('shortens the training window to half the history when the history is short', () => {
    const model = trainChurnModel(histories, 100, { windowDays: 90 });
    expect(model.training.windowDays).toBe(50);
    expect(model.training.cutoffDay).toBe(50);
  });

  it('asks optional signals for the training cutoff when training and for the as-of day when scoring', () => {
    const asked: number[] = [];
    const signals: MemberSignals = { names: ['pointsAccrualRate'], valuesAsOf: (day) => (asked.push(day), new Map()) };
    const model = trainChurnModel(histories, calibrationEnd, { windowDays: 90, signals });
    scoreChurnRisk(model, histories, calibrationEnd);
    expect(asked).toEqual([calibrationEnd - 90, calibrationEnd]);
  });

  it('refuses to train without enough history', () => {
    expect(() => trainChurnModel(histories, 0, { windowDays: 90 })).toThrow(/not enough/);
  });
});

describe('evaluateChurn on simulated members', () => {
  it('ranks well above chance, beats a constant forecast and bins every member', () => {
    const evaluation = evaluateChurn(histories, calibrationEnd, { windowDays: 120 });
    expect(evaluation.n).toBe(histories.length);
    expect(evaluation.auc).toBeGreaterThan(0.7);
    expect(evaluation.reliability).toHaveLength(10);
    expect(evaluation.reliability.reduce((sum, b) => sum + b.n, 0)).toBe(evaluation.n);
    // Better than always predicting the observed churn rate.
    expect(evaluation.brier).toBeLessThan(evaluation.churnRate * (1 - evaluation.churnRate));
  });
});
