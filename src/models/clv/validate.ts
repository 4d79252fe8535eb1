// Input checks of the RFM summaries the lifetime-value models are fitted on. They throw
// RangeError naming the offending customer (by position) and field, so callers can report it.
import type { CustomerRfm } from './types.js';

export function assertValidRfm(data: readonly CustomerRfm[]): void {
  data.forEach((c, i) => {
    if (!Number.isInteger(c.frequency) || c.frequency < 0) {
      throw new RangeError(`customer #${i + 1}: frequency must be a whole number ≥ 0, got ${c.frequency}`);
    }
    if (!(c.T >= 0) || !Number.isFinite(c.T)) throw new RangeError(`customer #${i + 1}: T must be ≥ 0, got ${c.T}`);
    if (!(c.recency >= 0 && c.recency <= c.T)) {
      throw new RangeError(`customer #${i + 1}: recency must lie in [0, T], got ${c.recency} with T ${c.T}`);
    }
    if (c.frequency === 0 && c.recency !== 0) {
      throw new RangeError(`customer #${i + 1}: recency must be 0 when frequency is 0, got ${c.recency}`);
    }
  });
}

