// Attribution from stored journeys: touches before each order within the lookback, each touch
// credited to one order at most, unconverted paths kept for the Markov model.
import { beforeAll, expect, it } from 'vitest';
import { attributionReport, memberJourneys, type AttributionReport } from '../../src/measure/reports/index.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, idsOf, T0, World } from './world.js';

const WINDOW = { from: T0, to: T0 + 28 * DAY };
const [J1, J2, J3, J4, J5] = idsOf('treated', 5) as [string, string, string, string, string];

it('builds one journey per order from the touches since the previous order', () => {
  const touches = [{ at: 1, name: 'a' }, { at: 5, name: 'b' }, { at: 12, name: 'c' }, { at: 30, name: 'd' }];
  const orders = [{ at: 10, value: 7 }, { at: 20, value: 3 }];
  const { converting, unconverted } = memberJourneys(touches, orders, 0, 8);
  // The order at 10 looks back 8: touch `a` at 1 is too old. The order at 20 gets `c` only.
  expect(converting.map((j) => [j.channels, j.value])).toEqual([[['b'], 7], [['c'], 3]]);
  expect(unconverted).toEqual(['d']);
  // Orders before `from` only close journeys.
  expect(memberJourneys(touches, orders, 15, 100).converting.map((j) => j.channels)).toEqual([['c']]);
});

describeEachStore('attribution from stored journeys', ({ store }) => {
  let report: AttributionReport;
  beforeAll(async () => {
    const w = new World();
    for (const id of [J1, J2, J3, J4, J5]) w.member(id);
    w.decision(J1, T0 + DAY, 'promo', { sentAt: T0 + DAY });
    w.decision(J1, T0 + 2 * DAY, 'check_in', { channel: 'push', sentAt: T0 + 2 * DAY });
    w.order(J1, T0 + 3 * DAY, 100);
    const d = w.decision(J2, T0 - 5 * DAY, 'promo', { sentAt: T0 - 5 * DAY });
    w.track(J2, 'Email Link Clicked', T0 - 5 * DAY + HOUR, { decision_id: d });
    w.order(J2, T0 + DAY, 50);
    w.order(J2, T0 + 2 * DAY, 20);
    w.decision(J3, T0 + 10 * DAY, 'promo', { sentAt: T0 + 10 * DAY });
    w.decision(J4, T0 - 40 * DAY, 'promo', { sentAt: T0 - 40 * DAY });
    w.order(J4, T0 + DAY, 10);
    w.decision(J5, T0, 'check_in', { channel: 'push', sentAt: T0 });
    w.order(J5, T0 + DAY, 30);
    w.decision(J5, T0 + 5 * DAY, 'promo', { sentAt: T0 + 5 * DAY });
    await w.save(store());
    report = await attributionReport(store(), { ...WINDOW });
  });

  it('counts orders and the journeys that led to them', () => {
    expect(report.orders).toEqual({ count: 5, value: 210, withTouches: 3, valueWithTouches: 180 });
    expect(report.unconvertedJourneys).toBe(2);
  });

  it('credits channels under every model, in conversions and value', () => {
    expect(report.models.first).toEqual({ email: { conversions: 2, value: 150 }, 'email click': { conversions: 0, value: 0 }, push: { conversions: 1, value: 30 } });
    expect(report.models.last).toEqual({ email: { conversions: 0, value: 0 }, 'email click': { conversions: 1, value: 50 }, push: { conversions: 2, value: 130 } });
    expect(report.models.linear.email).toEqual({ conversions: 1, value: 75 });
    for (const model of ['time-decay', 'position', 'markov', 'shapley'] as const) {
      const credit = Object.values(report.models[model]);
      expect(credit.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(3, 9);
      expect(credit.reduce((s, c) => s + c.value, 0)).toBeCloseTo(180, 9);
    }
    expect(report.models.markov.email?.removalEffect).toBeGreaterThan(0);
  });

  it('names touchpoints by action when asked', async () => {
    const byAction = await attributionReport(store(), { ...WINDOW, by: 'action' });
    expect(Object.keys(byAction.models.first)).toEqual(['check_in', 'promo', 'promo click']);
  });
});
