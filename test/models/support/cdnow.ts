// CDNOW reference data (see ../shared/REFERENCES.md), loaded through the CLI's own readers.
import { readSummary } from '../../../src/cli/commands/clv-input.js';
import type { CustomerSummary } from '../../../src/models/clv/index.js';
import { hasSharedData, sharedData } from '../../support/shared-data.js';

export const CDNOW_SUMMARY = ['cdnow', 'cdnow_customers_summary.csv'] as const;
export const CDNOW_SUMMARY_WITH_SPEND = ['cdnow', 'cdnow_customers_summary_with_transactions.csv'] as const;
export const CDNOW_ELOG = ['cdnow', 'cdnow_elog.csv'] as const;
export const CDNOW_MASTER = ['cdnow', 'CDNOW_master.txt'] as const;

export const hasCdnow = (): boolean =>
  hasSharedData(...CDNOW_SUMMARY) && hasSharedData(...CDNOW_SUMMARY_WITH_SPEND) && hasSharedData(...CDNOW_ELOG);

export function cdnowSummary(): CustomerSummary[] {
  return readSummary(sharedData(...CDNOW_SUMMARY)).customers;
}

export function cdnowSummaryWithSpend(): CustomerSummary[] {
  return readSummary(sharedData(...CDNOW_SUMMARY_WITH_SPEND)).customers;
}

/** |actual/expected − 1|, the relative error the acceptance criteria are stated in. */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}
