// Incrementality from stored data: arm sizes, means and lifts must match a plain computation over
// what the test wrote; estimands per action; assignment and sample-ratio checks.
import { beforeAll, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { incrementalityReport, type IncrementalityReport, type ProgramResult } from '../../src/measure/reports/index.js';
import { insertTriggers } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, idsOf, T0, testConfig, World } from './world.js';

const WINDOW = { from: T0, to: T0 + 28 * DAY };
const treatedIds = idsOf('treated', 60);
const holdoutIds = idsOf('holdout', 60);

interface Truth {
  pre: number;
  orders: number[];
  optOut: boolean;
  complaint: boolean;
}

/** What the test writes, member by member, so the expected numbers come from plain loops. */
function plan(): Map<string, Truth> {
  const rng = createRng(7);
  const truth = new Map<string, Truth>();
  for (const id of [...treatedIds, ...holdoutIds]) {
    const treated = treatedIds.includes(id);
    const pre = rng.next() < 0.5 ? Math.round(20 + 80 * rng.next()) : 0;
    const orders: number[] = [];
    // Past spenders buy more, and treated members a little more again: CUPED has something to remove.
    if (rng.next() < (treated ? 0.35 : 0.2) + (pre > 0 ? 0.2 : 0)) orders.push(Math.round(30 + pre + 40 * rng.next()));
    if (orders.length > 0 && rng.next() < 0.3) orders.push(Math.round(20 + 30 * rng.next()));
    truth.set(id, { pre, orders, optOut: rng.next() < (treated ? 0.1 : 0.05), complaint: rng.next() < 0.04 });
  }
  return truth;
}

const truth = plan();

function expected(ids: readonly string[], metric: (t: Truth) => number): { n: number; mean: number } {
  const values = ids.map((id) => metric(truth.get(id) as Truth));
  return { n: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length };
}

describeEachStore('incrementality report', ({ store }) => {
  let report: IncrementalityReport;
  const program = (name: string) => report.programs.find((p) => p.program === name) as ProgramResult;
  const promoRecipients = treatedIds.filter((_, i) => i % 2 === 0);
  const triggered = [...treatedIds.slice(0, 10), ...holdoutIds.slice(0, 12)];

  beforeAll(async () => {
    const w = new World();
    for (const [id, t] of truth) {
      w.member(id);
      if (t.pre > 0) w.order(id, T0 - 5 * DAY, t.pre);
      t.orders.forEach((value, i) => w.order(id, T0 + (3 + 7 * i) * DAY, value));
      if (t.optOut) w.track(id, 'Unsubscribed', T0 + 9 * DAY);
      if (t.complaint) w.track(id, t.pre % 2 === 0 ? 'Complaint Filed' : 'Email Marked as Spam', T0 + 11 * DAY);
      // Orders and opt-outs outside the window must not count.
      w.order(id, WINDOW.to + DAY, 999);
      w.track(id, 'Unsubscribed', WINDOW.to + 2 * DAY);
    }
    w.member('late-joiner', WINDOW.to + HOUR);
    for (const id of treatedIds) w.decision(id, T0, promoRecipients.includes(id) ? 'promo' : 'check_in', { sentAt: T0 + HOUR });
    for (const id of holdoutIds) w.decision(id, T0, 'silence');
    // A decision recorded against the hash rule (the rule changed mid-window, say).
    w.decision(treatedIds[1] as string, T0 + DAY, 'silence', { holdout: true });
    await w.save(store());
    await insertTriggers(store().db, triggered.map((profileId, k) => ({
      triggerId: `tr${k}`, profileId, action: 'cart_reminder', eventAt: T0 + 2 * DAY, dueAt: T0 + 3 * DAY, sourceMessageId: `src${k}`, state: 'decided', decisionId: null,
    })), T0);
    report = await incrementalityReport(store(), { ...WINDOW, config: testConfig, actions: ['promo', 'check_in', 'cart_reminder'] });
  });

  it('assigns every member seen by the end of the window by the hash rule', () => {
    expect(report.population).toMatchObject({ members: 120, treated: 60, holdout: 60 });
    expect(report.assignment).toMatchObject({ decidedMembers: { treated: 60, holdout: 60 }, mismatchedMembers: 1 });
    const overall = program('attune');
    expect(overall).toMatchObject({ estimand: 'itt', causal: true, treated: 60, holdout: 60 });
    expect(overall.srm?.mismatch).toBe(false);
  });

  it('measures each metric per member over the window, with Welch and delta-method lifts', () => {
    const metrics: Record<string, (t: Truth) => number> = {
      conversion: (t) => (t.orders.length > 0 ? 1 : 0),
      revenue: (t) => t.orders.reduce((a, b) => a + b, 0),
      repeat: (t) => (t.orders.length > 1 ? 1 : 0),
      optOut: (t) => (t.optOut ? 1 : 0),
      complaint: (t) => (t.complaint ? 1 : 0),
    };
    for (const m of program('attune').metrics) {
      const t = expected(treatedIds, metrics[m.metric] as (t: Truth) => number);
      const c = expected(holdoutIds, metrics[m.metric] as (t: Truth) => number);
      expect(m.treated.n).toBe(t.n);
      expect(m.treated.mean).toBeCloseTo(t.mean, 10);
      expect(m.holdout.mean).toBeCloseTo(c.mean, 10);
      expect(m.lift?.absLift).toBeCloseTo(t.mean - c.mean, 10);
      if (c.mean > 0) expect(m.lift?.relLift).toBeCloseTo(t.mean / c.mean - 1, 10);
      const [lo, hi] = m.lift?.absCI as [number, number];
      expect(lo).toBeLessThan(t.mean - c.mean);
      expect(hi).toBeGreaterThan(t.mean - c.mean);
      // The anytime-valid interval is wider than the fixed-horizon one.
      const [slo, shi] = m.anytimeValid?.absCI as [number, number];
      expect(shi - slo).toBeGreaterThan(hi - lo);
    }
  });

  it('adjusts with CUPED on pre-period spend: θ = cov(X, Y) / var(X) pooled', () => {
    const revenue = program('attune').metrics.find((m) => m.metric === 'revenue');
    const all = [...truth.values()];
    const x = all.map((t) => t.pre);
    const y = all.map((t) => t.orders.reduce((a, b) => a + b, 0));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(x), mean(y)];
    const cov = x.reduce((s, xi, k) => s + (xi - mx) * ((y[k] as number) - my), 0) / (x.length - 1);
    const varX = x.reduce((s, xi) => s + (xi - mx) ** 2, 0) / (x.length - 1);
    expect(revenue?.cuped?.theta).toBeCloseTo(cov / varX, 9);
    expect(revenue?.cuped?.varianceReduction).toBeGreaterThan(0);
    expect(report.cuped?.preWindow.from).toBe(new Date(T0 - 28 * DAY).toISOString());
  });

  it('names the estimand of each action honestly', () => {
    const cart = program('cart_reminder');
    expect(cart).toMatchObject({ estimand: 'itt-triggered', causal: true, treated: 10, holdout: 12 });
    const promo = program('promo');
    expect(promo).toMatchObject({ estimand: 'recipients-vs-holdout', causal: false, treated: promoRecipients.length, holdout: 60, srm: null });
    expect(program('check_in').treated).toBe(60 - promoRecipients.length);
    expect(program('promo+check_in+cart_reminder')).toMatchObject({ estimand: 'recipients-vs-holdout', treated: 60, holdout: 60 });
  });
});
