// The real test bed: UCI Online Retail, trained before 2011-09-01, judged on the products each
// customer bought afterwards that they had not bought before (docs/recommendations.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedTransactions, loadTransactions, parseTimestamp } from '../../../src/cli/commands/recs-loader.js';
import { type TimeSplitEvaluation, evaluateTimeSplit } from '../../../src/models/affinity/index.js';
import { hasSharedData, sharedData } from '../../support/shared-data.js';

const FILE = ['retail', 'online_retail_uci_541909.csv.gz'] as const;

describe.skipIf(!hasSharedData(...FILE))('product affinity on UCI Online Retail', () => {
  let data: LoadedTransactions;
  let result: TimeSplitEvaluation;

  beforeAll(async () => {
    data = await loadTransactions(sharedData(...FILE), {
      idCol: 'CustomerID',
      itemCol: 'StockCode',
      dateCol: 'InvoiceDate',
      quantityCol: 'Quantity',
      invoiceCol: 'InvoiceNo',
    });
    result = evaluateTimeSplit(data.log, { splitTime: parseTimestamp('2011-09-01')!, k: 10 });
  }, 120_000);

  it('reads every line, customer and cancellation of the log', () => {
    expect(data.lines).toBe(541_909);
    expect(data.userIds.length).toBe(4_372);
    expect(data.log.user.filter((u) => u < 0).length).toBe(135_080);
    // 9,288 "C" invoices plus 1,336 other lines with a negative quantity (stock adjustments)
    expect(data.log.cancellation.reduce((n, c) => n + c, 0)).toBe(10_624);
  });

  it('beats recency-weighted popularity on precision, recall and nDCG at 10', () => {
    expect(result.users).toBeGreaterThan(1_500);
    expect(result.model.members).toBe(result.users);
    expect(result.model.precision).toBeGreaterThan(result.popularity.precision);
    expect(result.model.recall).toBeGreaterThan(result.popularity.recall);
    expect(result.model.ndcg).toBeGreaterThan(result.popularity.ndcg);
    // Not by a hair: the personal signal should be worth a clear margin.
    expect(result.model.ndcg).toBeGreaterThan(1.5 * result.popularity.ndcg);
  });

  it('tunes on a validation window inside the training period only', () => {
    expect(result.tuning.validationStart).toBeLessThan(parseTimestamp('2011-09-01')!);
    const w = result.tuning.weights;
    expect(w.als + w.itemKnn + w.popularity).toBeCloseTo(1, 12);
    expect(result.tuning.validation.model.ndcg).toBeGreaterThanOrEqual(result.tuning.validation.popularity.ndcg);
  });
});
