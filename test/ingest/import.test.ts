import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { findProfileId } from '../../src/profiles/index.js';
import { countEvents, getProfile, openStore } from '../../src/store/index.js';
import { runAttune } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'attune-import-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describeEachStore('attune import', ({ target }) => {
  it('imports Segment JSONL: valid lines stored, invalid ones reported, a second run stores nothing new', async () => {
    const events = file('events.jsonl', [
      JSON.stringify({ type: 'identify', userId: 'imp-a', traits: { email: 'imp-a@example.com' }, timestamp: '2025-01-02T10:00:00Z' }),
      JSON.stringify({ type: 'track', userId: 'imp-a', event: 'Order Completed', properties: { revenue: 30 }, timestamp: '2025-01-03T10:00:00Z' }),
      '{"type": "track", "userId": "imp-a"',
      JSON.stringify({ type: 'track', userId: 'imp-a' }),
      JSON.stringify({ type: 'teleport', userId: 'imp-a' }),
      '',
      JSON.stringify({ type: 'page', anonymousId: 'imp-anon', name: 'Home' }),
    ].join('\n'));
    const first = runAttune(['import', 'events', events, '--db', target().url(), '--json']);
    expect(first.status, first.stderr).toBe(1);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ lines: 7, accepted: 3, duplicates: 0, rejected: 3 });
    expect(summary.rejections.map((r: { line: number; path: string }) => [r.line, r.path])).toEqual([[3, '(line)'], [4, 'event'], [5, 'type']]);
    const again = JSON.parse(runAttune(['import', 'events', events, '--db', target().url(), '--json']).stdout);
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
    const store = await openStore(target().url());
    try {
      const id = await findProfileId(store.db, 'email', 'imp-a@example.com');
      expect((await getProfile(store.db, id as string))?.stats.orders).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('turns order rows into Order Completed events, grouped by order, idempotent, with reasons for bad rows', async () => {
    const orders = file('orders.csv', [
      'Customer,InvoiceDate,UnitPrice,Invoice,StockCode,Qty',
      'c1,2011-03-01 09:30,2.50,inv-1,SKU-A,4',
      'c1,2011-03-01 09:30,10,inv-1,SKU-B,1',
      'c2,3/2/2011 14:05,5,inv-2,SKU-A,2',
      'c2,not-a-date,5,inv-3,SKU-A,1',
      ',2011-03-03,5,inv-4,SKU-A,1',
      'c3,20110304,-1,inv-5,SKU-C,1',
    ].join('\n'));
    const args = ['import', 'orders', orders, '--id-col', 'Customer', '--date-col', 'InvoiceDate', '--amount-col', 'UnitPrice', '--order-col', 'Invoice', '--product-col', 'StockCode', '--quantity-col', 'Qty', '--db', target().url(), '--json'];
    const first = runAttune(args);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ lines: 6, accepted: 2, rejected: 3 });
    expect(Object.keys(summary.rejectionsByReason)).toEqual(expect.arrayContaining([
      'InvoiceDate: "not-a-date" is not a date (ISO 8601, YYYYMMDD or M/D/YYYY)', 'Customer: is empty', 'UnitPrice: "-1" is not a non-negative number',
    ]));
    expect(JSON.parse(runAttune(args).stdout)).toMatchObject({ accepted: 0, duplicates: 2 });
    const store = await openStore(target().url());
    try {
      const c1 = await getProfile(store.db, (await findProfileId(store.db, 'userId', 'c1')) as string);
      expect(c1?.stats).toMatchObject({ orders: 1, revenue: 20, itemsPurchased: 5, firstOrderAt: Date.parse('2011-03-01T09:30:00Z') });
      const c2 = await getProfile(store.db, (await findProfileId(store.db, 'userId', 'c2')) as string);
      expect(c2?.stats.lastOrderAt).toBe(Date.parse('2011-03-02T14:05:00Z'));
      expect(await countEvents(store.db)).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
    }
  });

  it('refuses a file whose named columns are missing, storing nothing', () => {
    const orders = file('bad.csv', 'a,b,c\n1,2,3\n');
    const result = runAttune(['import', 'orders', orders, '--id-col', 'Customer', '--date-col', 'b', '--amount-col', 'Total', '--db', target().url()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--id-col: no column "Customer"');
    expect(result.stderr).toContain('--amount-col: no column "Total"');
  });
});
