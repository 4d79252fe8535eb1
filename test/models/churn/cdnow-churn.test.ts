// Churn risk on the CDNOW cohort: calibration end 1997-09-30, churn = no purchase in the
// following 39 weeks (273 days, up to 1998-06-30).
import { describe, expect, it } from 'vitest';
import { parseIsoDateOption, readPurchases } from '../../../src/cli/commands/clv-input.js';
import { purchaseHistories } from '../../../src/models/clv/index.js';
import { evaluateChurn } from '../../../src/models/churn/index.js';
import { sharedData } from '../../support/shared-data.js';
import { CDNOW_ELOG, hasCdnow } from '../support/cdnow.js';

describe.skipIf(!hasCdnow())('churn risk on CDNOW', () => {
  it('beats recency alone and BG/NBD expected purchases alone (AUC ≈ 0.77)', () => {
    const purchases = readPurchases(sharedData(...CDNOW_ELOG), { idCol: 'Id', dateCol: 'Date', amountCol: 'Price', dateFormat: 'auto' });
    const evaluation = evaluateChurn(purchaseHistories(purchases), parseIsoDateOption('1997-09-30', '--test'), { windowDays: 273 });
    expect(evaluation.n).toBe(2357);
    // REFERENCES.md: expected purchases rank holdout inactivity with AUC ≈ 0.77.
    expect(evaluation.baselines.expectedPurchases).toBeGreaterThan(0.76);
    expect(evaluation.baselines.expectedPurchases).toBeLessThan(0.78);
    expect(evaluation.auc).toBeGreaterThan(evaluation.baselines.expectedPurchases);
    expect(evaluation.auc).toBeGreaterThan(evaluation.baselines.recency);
    // Calibrated enough to beat the constant forecast at the observed churn rate.
    expect(evaluation.brier).toBeLessThan(evaluation.churnRate * (1 - evaluation.churnRate));
    // The training split stays inside the calibration period.
    const { cutoffDay, windowDays } = evaluation.model.training;
    expect(cutoffDay + windowDays).toBeLessThanOrEqual(parseIsoDateOption('1997-09-30', '--test'));
  });
});
