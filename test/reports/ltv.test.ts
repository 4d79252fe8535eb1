// The LTV litmus test: acquisition paths from the touches and people before a first order, and
// what each path's first buyers were worth after.
import { beforeAll, expect, it } from 'vitest';
import { ltvReport, type LtvReport } from '../../src/measure/reports/index.js';
import { describeEachStore } from '../support/stores.js';
import { DAY, HOUR, idsOf, T0, testConfig, World } from './world.js';

const WINDOW = { from: T0, to: T0 + 28 * DAY };
const [AI1, AI2, AI3, N1, HU1, HY1, ORG1, ORG2, OLD, LATE] = idsOf('treated', 10) as string[] as [string, string, string, string, string, string, string, string, string, string];
const [HB] = idsOf('holdout', 1) as [string];

describeEachStore('LTV litmus test', ({ store }) => {
  let report: LtvReport;
  const path = (name: string) => report.paths.find((p) => p.path === name);

  beforeAll(async () => {
    const w = new World();
    w.member(AI1, T0 - 90 * DAY, { segment: 'New', clv: 300 });
    w.member(AI2, T0 - 90 * DAY, { segment: 'New', clv: 100 });
    for (const id of [AI3, N1, HU1, HY1, ORG1, ORG2, OLD, LATE, HB]) w.member(id, T0 - 90 * DAY);
    // AI1: clicked a promo two days before the first order; ordered again, reviewed, still browsing at day 100.
    const d1 = w.decision(AI1, T0 - 2 * DAY, 'promo', { sentAt: T0 - 2 * DAY });
    w.track(AI1, 'Email Link Clicked', T0 - 2 * DAY + HOUR, { decision_id: d1 });
    w.order(AI1, T0 + DAY, 100);
    w.order(AI1, T0 + 50 * DAY, 50);
    w.track(AI1, 'Review Submitted', T0 + 60 * DAY, { rating: 5 });
    w.track(AI1, 'Product Viewed', T0 + 100 * DAY, { product_id: 'sku-2' });
    // AI2: a recovered cart (the cart reminder is triggered by Checkout Started).
    w.decision(AI2, T0 + 3 * DAY, 'cart_reminder', { sentAt: T0 + 3 * DAY });
    w.order(AI2, T0 + 4 * DAY, 80);
    // Opening (and clicking) our messages after day 90 answers us; it does not show AI2 is still a customer.
    w.track(AI2, 'Email Opened', T0 + 120 * DAY);
    w.track(AI2, 'Email Link Clicked', T0 + 120 * DAY + HOUR);
    // AI3: bought the product the message recommended, without clicking.
    w.decision(AI3, T0 + 2 * DAY, 'promo', { sentAt: T0 + 2 * DAY, message: { products: [{ id: 'sku-9', name: 'Vest', price: 60 }] } });
    w.order(AI3, T0 + 6 * DAY, 60, ['sku-9']);
    // N1: got a promo, ignored it, bought something else.
    w.decision(N1, T0 + 2 * DAY, 'promo', { sentAt: T0 + 2 * DAY, message: { products: [{ id: 'sku-9', name: 'Vest', price: 60 }] } });
    w.order(N1, T0 + 6 * DAY, 40, ['sku-1']);
    // HU1: a person resolved a problem two days before the first order.
    w.task(HU1, T0, { resolvedAt: T0 + 5 * DAY, outcome: 'resolved' });
    w.order(HU1, T0 + 7 * DAY, 70);
    // HY1: both.
    w.task(HY1, T0, { resolvedAt: T0 + 5 * DAY, outcome: 'resolved' });
    const d2 = w.decision(HY1, T0 + 5 * DAY, 'promo', { sentAt: T0 + 5 * DAY });
    w.track(HY1, 'Message Clicked', T0 + 5 * DAY + HOUR, { decision_id: d2, channel: 'push' });
    w.order(HY1, T0 + 8 * DAY, 90);
    // Organic: ORG1 buys twice; ORG2 once; HB clicked a holdout member's baseline message (not AI).
    w.order(ORG1, T0 + 2 * DAY, 30);
    w.order(ORG1, T0 + 20 * DAY, 30);
    w.track(ORG1, 'Email Opened', T0 + 130 * DAY);
    w.order(ORG2, T0 + 3 * DAY, 20);
    const d3 = w.decision(HB, T0 + DAY, 'promo', { sentAt: T0 + DAY });
    w.track(HB, 'Email Link Clicked', T0 + DAY + HOUR, { decision_id: d3 });
    w.order(HB, T0 + 2 * DAY, 25);
    // LATE clicked after the order: the click did not lead to it.
    const d4 = w.decision(LATE, T0 - DAY, 'promo', { sentAt: T0 - DAY });
    w.order(LATE, T0 + DAY, 15);
    w.track(LATE, 'Email Link Clicked', T0 + 2 * DAY, { decision_id: d4 });
    // OLD bought before the window: not a first buyer in it.
    w.order(OLD, T0 - 50 * DAY, 10);
    w.order(OLD, T0 + DAY, 10);
    // The stored data reaches day 400, so every 180-day horizon is observed.
    w.track(ORG2, 'Product Viewed', T0 + 400 * DAY);
    await w.save(store());
    report = await ltvReport(store(), { ...WINDOW, config: testConfig });
  });

  it('groups first buyers by acquisition path', () => {
    expect(report.paths.map((p) => [p.path, p.members])).toEqual([['ai', 3], ['human', 1], ['hybrid', 1], ['organic', 5]]);
  });

  it('measures value, repeat, retention and advocacy over the horizon', () => {
    const ai = path('ai');
    expect(ai?.realisedValue.value).toBeCloseTo((150 + 80 + 60) / 3, 9);
    expect(ai?.realisedValue.ci).not.toBeNull();
    expect(ai?.repeatRate.value).toBeCloseTo(1 / 3, 12);
    expect(ai?.retention90d.value).toBeCloseTo(1 / 3, 12);
    expect(ai?.advocacyRate.value).toBeCloseTo(1 / 3, 12);
    expect(ai?.predictedClv).toMatchObject({ n: 2, value: 200 });
    expect(path('organic')?.repeatRate.value).toBeCloseTo(1 / 5, 12);
    // Opens are not retention: only buying or shopping after day 90 is (AI1's product view).
    expect(path('organic')?.retention90d.value).toBe(0);
    expect(ai?.vsOrganic?.realisedValue?.absLift).toBeCloseTo((150 + 80 + 60) / 3 - (15 + 60 + 20 + 25 + 40) / 5, 9);
  });

  it('leaves out first buyers whose horizon is not over yet', async () => {
    const long = await ltvReport(store(), { ...WINDOW, config: testConfig, horizonDays: 500 });
    expect(long.paths.every((p) => p.pending === p.members)).toBe(true);
    expect(long.paths.find((p) => p.path === 'ai')?.realisedValue).toEqual({ n: 0, value: null, ci: null });
  });
});
