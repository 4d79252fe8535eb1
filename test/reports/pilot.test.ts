// The pilot table on a world small enough to work out by hand.
import { beforeAll, expect, it } from 'vitest';
import { engagementScore, pilotMetrics, pilotReport } from '../../src/measure/reports/index.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, idsOf, T0, testConfig, World } from './world.js';

const WINDOW = { from: T0, to: T0 + 28 * DAY };
const MONTHS = 28 / 30.4375;
const [A, B] = idsOf('treated', 2) as [string, string];
const [C, D] = idsOf('holdout', 2) as [string, string];

describeEachStore('pilot table', ({ store }) => {
  beforeAll(async () => {
    const w = new World();
    for (const id of [A, B, C, D]) w.member(id);
    w.member('late-joiner', WINDOW.to + DAY);
    w.track('late-joiner', 'Email Delivered', WINDOW.to - DAY);
    // A (treated): 4 emails, 2 opens, 1 click, an order in the window and another 12 days after it ends.
    for (let i = 0; i < 4; i++) w.track(A, 'Email Delivered', T0 + i * DAY);
    w.track(A, 'Email Opened', T0 + DAY);
    w.track(A, 'Email Opened', T0 + 2 * DAY);
    w.track(A, 'Email Link Clicked', T0 + 10 * DAY);
    w.order(A, T0 + 5 * DAY, 100);
    w.order(A, T0 + 40 * DAY, 50);
    w.track(A, 'Survey Answered', T0 + 6 * DAY, { survey: 'csat', score: 5 });
    // B (treated): 2 emails, 1 open, unsubscribed.
    w.track(B, 'Email Delivered', T0);
    w.track(B, 'Email Delivered', T0 + 7 * DAY);
    w.track(B, 'Email Opened', T0 + 7 * DAY);
    w.track(B, 'Unsubscribed', T0 + 20 * DAY, { channel: 'email' });
    // C (holdout): 2 emails, no open; an order before the window and one at its end: two in the last 90 days.
    w.track(C, 'Email Delivered', T0 + 3 * DAY);
    w.track(C, 'Email Delivered', T0 + 4 * DAY);
    w.order(C, T0 - 10 * DAY, 40);
    w.order(C, T0 + 27 * DAY, 60);
    // D (holdout): two CSAT answers and an order long after the window.
    w.track(D, 'Survey Answered', T0 + DAY, { survey: 'csat', score: 3 });
    w.track(D, 'Survey Answered', T0 + 2 * DAY, { survey: 'CSAT', score: 4 });
    w.track(D, 'Survey Answered', T0 + 2 * DAY, { survey: 'nps', score: 0 });
    w.order(D, T0 + 200 * DAY, 10);
    w.decision(A, T0, 'silence');
    await w.save(store());
  });

  const scoreA = 100 * (Math.pow(2, -18 / 30) + 1) / 2;
  const scoreC = 100 * (Math.pow(2, -1 / 30) + 1 / (2 * MONTHS)) / 2;

  it('computes every metric of all members as defined in docs/reports.md', async () => {
    const m = await pilotMetrics(store(), { ...WINDOW, config: testConfig });
    expect(m.members).toBe(4);
    expect(m.openRate).toBeCloseTo(3 / 8, 12);
    expect(m.clickRate).toBeCloseTo(1 / 8, 12);
    expect(m.engagementScore).toBeCloseTo((scoreA + scoreC) / 4, 6); // sums are kept in millionths of a point
    expect(m.repeatRate90d).toBeCloseTo(1 / 2, 12);
    expect(m.csat).toBeCloseTo(4, 12);
    expect(m.optOutRatePerMonth).toBeCloseTo(1 / 4 / MONTHS, 12);
    expect(m.revenuePerMemberPerMonth).toBeCloseTo(160 / 4 / MONTHS, 9);
  });

  it('splits treated and holdout by the hash rule, and takes ISO strings', async () => {
    const treated = await pilotMetrics(store(), { from: '2025-03-03', to: new Date(WINDOW.to).toISOString(), members: 'treated', config: testConfig });
    expect(treated).toMatchObject({ members: 2, openRate: 0.5, repeatRate90d: 0, csat: 5 });
    expect(treated.clickRate).toBeCloseTo(1 / 6, 12);
    expect(treated.engagementScore).toBeCloseTo(scoreA / 2, 6);
    expect(treated.revenuePerMemberPerMonth).toBeCloseTo(100 / 2 / MONTHS, 9);
    const holdout = await pilotMetrics(store(), { ...WINDOW, members: 'holdout', config: testConfig });
    expect(holdout).toMatchObject({ members: 2, openRate: 0, clickRate: 0, repeatRate90d: 1, csat: 3.5, optOutRatePerMonth: 0 });
  });

  it('counts repeat orders in the 90 days up to the window end, and is empty when nobody ordered then', async () => {
    // [T0+30, T0+58): its 90 days reach back to T0−32, where A and C each ordered twice.
    const later = await pilotMetrics(store(), { from: T0 + 30 * DAY, to: T0 + 58 * DAY, config: testConfig });
    expect(later.repeatRate90d).toBe(1);
    const quiet = await pilotMetrics(store(), { from: T0 + 300 * DAY, to: T0 + 328 * DAY, config: testConfig });
    expect(quiet.repeatRate90d).toBeNull();
  });

  it('compares before and after the first decision', async () => {
    const report = await pilotReport(store(), { to: WINDOW.to, config: testConfig });
    expect(report.pivot).toBe(new Date(T0).toISOString());
    expect(report.before.window).toEqual({ from: new Date(T0 - 28 * DAY).toISOString(), to: new Date(T0).toISOString() });
    expect(report.before.groups.all.revenuePerMemberPerMonth).toBeCloseTo(40 / 4 / MONTHS, 9);
    expect(report.after.groups.holdout.revenuePerMemberPerMonth).toBeCloseTo(60 / 2 / MONTHS, 9);
  });

  it('rejects an empty window and an unreadable date', async () => {
    await expect(pilotMetrics(store(), { from: WINDOW.to, to: WINDOW.from })).rejects.toThrow(/window is empty/);
    await expect(pilotMetrics(store(), { from: '03/01/2025', to: WINDOW.to })).rejects.toThrow(/not a date-time/);
  });

  it('names the pivot when it leaves "before" or "after" empty', async () => {
    await expect(pilotReport(store(), { pivot: WINDOW.to, to: WINDOW.to, config: testConfig })).rejects.toThrow(/window is empty: --pivot .* is not before --to/);
    await expect(pilotReport(store(), { from: T0 + DAY, pivot: T0, to: WINDOW.to, config: testConfig })).rejects.toThrow(/window is empty: --from .* is not before --pivot/);
    await expect(pilotReport(store(), { to: T0, config: testConfig })).rejects.toThrow(/window is empty: the first decision \(--pivot\) .* is not before --to/);
  });
});

it('scores engagement between 0 and 100', () => {
  const window = { from: 0, to: 30.4375 * DAY };
  expect(engagementScore({ actions: 0, lastAt: null }, window)).toBe(0);
  expect(engagementScore({ actions: 2, lastAt: window.to }, window)).toBe(100);
  expect(engagementScore({ actions: 50, lastAt: window.to }, window)).toBe(100);
  expect(engagementScore({ actions: 1, lastAt: window.to - 30 * DAY }, window)).toBeCloseTo(50 * (0.5 + 0.5), 9);
});
