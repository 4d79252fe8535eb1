import { describe, expect, it } from 'vitest';
import { parseIsoDateOption, readPurchases, readSummary } from '../../../src/cli/commands/clv-input.js';
import { purchaseHistories, summarizePurchases, type Purchase } from '../../../src/models/clv/index.js';
import { hasSharedData, sharedData } from '../../support/shared-data.js';
import { CDNOW_ELOG, CDNOW_MASTER, CDNOW_SUMMARY_WITH_SPEND, hasCdnow } from '../support/cdnow.js';

const day = (iso: string): number => parseIsoDateOption(iso, '--test');

describe('summarizePurchases', () => {
  const purchases: Purchase[] = [
    { customerId: 'a', day: day('2024-01-01'), amount: 10 },
    { customerId: 'a', day: day('2024-01-01'), amount: 5 }, // same day: one purchase of 15
    { customerId: 'a', day: day('2024-01-15'), amount: 20 },
    { customerId: 'a', day: day('2024-01-29'), amount: 40 },
    { customerId: 'a', day: day('2024-03-01'), amount: 99 }, // after the calibration end
    { customerId: 'b', day: day('2024-01-22'), amount: 7 },
    { customerId: 'c', day: day('2024-02-20'), amount: 1 }, // first purchase after the end
  ];

  it('collapses same-day purchases, counts repeat days and measures ages in weeks', () => {
    const summary = summarizePurchases(purchases, day('2024-02-12'), 'week');
    expect(summary).toEqual([
      { id: 'a', frequency: 2, recency: 4, T: 6, monetaryValue: 30 },
      { id: 'b', frequency: 0, recency: 0, T: 3, monetaryValue: 0 },
    ]);
  });

  it('uses days, weeks or average months as the unit', () => {
    const [inDays] = summarizePurchases(purchases, day('2024-02-12'), 'day');
    expect(inDays).toMatchObject({ recency: 28, T: 42 });
    const [inMonths] = summarizePurchases(purchases, day('2024-02-12'), 'month');
    expect(inMonths?.T).toBeCloseTo(42 / 30.4375, 12);
  });

  it('includes purchases on the calibration end day itself', () => {
    const [a] = summarizePurchases(purchases, day('2024-01-29'), 'day');
    expect(a).toMatchObject({ frequency: 2, recency: 28, T: 28 });
  });

  it('keeps each customer\'s purchase days sorted with daily totals', () => {
    const shuffled = [purchases[3], purchases[0], purchases[2], purchases[1]] as Purchase[];
    expect(purchaseHistories(shuffled)).toEqual([{ customerId: 'a', days: [day('2024-01-01'), day('2024-01-15'), day('2024-01-29')], amounts: [15, 20, 40] }]);
  });
});

describe.skipIf(!hasCdnow())('CDNOW summary from the transaction log', () => {
  it('matches the shipped calibration summary (end of week 39 = 1997-09-30, weeks)', () => {
    const purchases = readPurchases(sharedData(...CDNOW_ELOG), { idCol: 'Id', dateCol: 'Date', amountCol: 'Price', dateFormat: 'auto' });
    const built = summarizePurchases(purchases, day('1997-09-30'), 'week');
    const shipped = readSummary(sharedData(...CDNOW_SUMMARY_WITH_SPEND)).customers;
    expect(built).toHaveLength(shipped.length);
    const byId = new Map(built.map((c) => [c.id, c]));
    // The shipped file is rounded to 2 decimals (half a cent/hundredth either way).
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 0.005 + 1e-9;
    const mismatches = shipped.filter((s) => {
      const b = byId.get(s.id);
      return !b || b.frequency !== s.frequency || !close(b.recency, s.recency) || !close(b.T, s.T) || !close(b.monetaryValue, s.monetaryValue);
    });
    expect(mismatches).toEqual([]);
  });

  it.skipIf(!hasSharedData(...CDNOW_MASTER))('reads the space-separated master file with yyyymmdd dates', () => {
    const purchases = readPurchases(sharedData(...CDNOW_MASTER), { idCol: 'customer_id', dateCol: 'date', amountCol: 'dollar_value', dateFormat: 'auto' });
    expect(purchases).toHaveLength(69_659);
    expect(purchases[0]).toEqual({ customerId: '00001', day: day('1997-01-01'), amount: 11.77 });
    const summary = summarizePurchases(purchases, day('1997-09-30'), 'week');
    // The full cohort of 23,570 first bought in Q1 1997; customer 00002's two lines of
    // 1997-01-12 are one purchase.
    expect(summary).toHaveLength(23_570);
    expect(summary[1]).toMatchObject({ id: '00002', frequency: 0, recency: 0 });
  });
});

