// Off-policy evaluation from the stored decision log, on logs whose true policy values are known.
import { beforeAll, expect, it } from 'vitest';
import type { CandidateRecord } from '../../src/core/index.js';
import { createRng } from '../../src/core/random.js';
import { opeReport, targetDistribution, type OpeReport } from '../../src/measure/reports/index.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, idsOf, T0, World } from './world.js';

const CANDIDATES: CandidateRecord[] = [
  { action: 'promo', channel: 'email', probability: 0.5, expectedValue: 2 },
  { action: 'check_in', channel: 'email', probability: 0.3, expectedValue: 1 },
  { action: 'silence', channel: null, probability: 0.2, expectedValue: 0 },
];
// Reward +1, penalty −1: promo 0.30 − 0.05, check-in 0.20, silence 0 by convention.
const TRUE_VALUE = { promo: 0.25, check_in: 0.2, silence: 0 };
const TRUTH = {
  logged: 0.5 * TRUE_VALUE.promo + 0.3 * TRUE_VALUE.check_in,
  uniform: (TRUE_VALUE.promo + TRUE_VALUE.check_in) / 3,
  silence: 0,
  topEv: TRUE_VALUE.promo,
};

it('turns each target policy into a distribution over the logged candidates', () => {
  expect([...targetDistribution('uniform', { candidates: CANDIDATES })].map(([, p]) => p)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  expect([...targetDistribution('topEv', { candidates: CANDIDATES })]).toEqual([['promo', 1]]);
  expect([...targetDistribution('silence', { candidates: CANDIDATES })]).toEqual([['silence', 1]]);
  expect([...targetDistribution('silence', { candidates: CANDIDATES.slice(0, 2) })]).toEqual([['promo', 1]]);
});

describeEachStore('off-policy evaluation from the decision log', ({ store }) => {
  let report: OpeReport;
  const ROWS = 3000;
  let loggedMean = 0;

  beforeAll(async () => {
    const w = new World();
    const [member] = idsOf('treated', 1) as [string];
    const [held] = idsOf('holdout', 1) as [string];
    w.member(member);
    w.member(held);
    const rng = createRng(11);
    let rewardSum = 0;
    for (let i = 0; i < ROWS; i++) {
      const u = rng.next();
      const action = u < 0.5 ? 'promo' : u < 0.8 ? 'check_in' : 'silence';
      const probability = action === 'promo' ? 0.5 : action === 'check_in' ? 0.3 : 0.2;
      const v = rng.next();
      const outcome = action === 'silence' ? undefined : action === 'promo' ? (v < 0.3 ? 'reward' : v < 0.35 ? 'penalty' : 'none') : v < 0.2 ? 'reward' : 'none';
      rewardSum += outcome === 'reward' ? 1 : outcome === 'penalty' ? -1 : 0;
      w.decision(member, T0 + i * 60_000, action, { probability, candidates: CANDIDATES, ...(outcome ? { outcome } : {}) });
    }
    loggedMean = rewardSum / ROWS;
    // Not part of the evaluation: a forced hand-over, a holdout member's silence, and the days after
    // the first contact decision still waiting for its outcome.
    w.decision(member, T0 + HOUR, 'human_outreach');
    w.decision(held, T0 + HOUR, 'silence', { probability: 0.5, candidates: CANDIDATES });
    w.decision(member, T0 + 10 * DAY, 'promo', { probability: 0.5, candidates: CANDIDATES });
    w.decision(member, T0 + 11 * DAY, 'silence', { probability: 0.2, candidates: CANDIDATES });
    await w.save(store());
    report = await opeReport(store(), { from: T0, to: T0 + 20 * DAY, bootstrap: 400 });
  });

  it('reads only settled AI decisions with a real choice', () => {
    expect(report.settledUntil).toBe(new Date(T0 + 10 * DAY).toISOString());
    expect(report.rows).toEqual({ read: ROWS + 1, withChoice: ROWS, used: ROWS, sampled: false });
    expect(report.loggedValue).toBeCloseTo(loggedMean, 12);
  });

  it('estimates every target policy with intervals that cover its true value', () => {
    for (const p of report.policies) {
      const truth = TRUTH[p.policy];
      for (const estimate of [p.ips, p.snips, p.dr]) {
        expect(estimate).not.toBeNull();
        const [lo, hi] = estimate?.ci as [number, number];
        expect(lo, `${p.policy}`).toBeLessThanOrEqual(truth);
        expect(hi, `${p.policy}`).toBeGreaterThanOrEqual(truth);
      }
    }
    const logged = report.policies.find((p) => p.policy === 'logged');
    expect(logged?.ips.value).toBeCloseTo(loggedMean, 12);
    expect(report.policies.find((p) => p.policy === 'silence')?.dr?.value).toBe(0);
  });

  it('samples uniformly when the log is larger than maxRows', async () => {
    const sampled = await opeReport(store(), { from: T0, to: T0 + 20 * DAY, bootstrap: 50, maxRows: 500 });
    expect(sampled.rows).toMatchObject({ withChoice: ROWS, used: 500, sampled: true });
    expect(Math.abs((sampled.loggedValue as number) - loggedMean)).toBeLessThan(0.1);
  });
});
