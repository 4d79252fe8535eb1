// Customers with identical (frequency, recency, T) contribute identical likelihood terms.
// Grouping them first and weighting each distinct triple by its count makes every likelihood
// evaluation proportionally cheaper (on CDNOW, 2,357 customers collapse to about 1,100).
import type { CustomerRfm } from './types.js';

export interface GroupedRfm {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** How many customers share each triple. */
  weight: Float64Array;
  /** Sum of the weights: the number of customers. */
  n: number;
  /** Distinct frequency values, and for each triple the position of its frequency there:
   *  terms that depend on frequency alone (log-gamma ratios) are computed once per level. */
  frequencyLevels: Float64Array;
  level: Int32Array;
}

export function groupRfm(data: readonly CustomerRfm[]): GroupedRfm {
  const index = new Map<string, number>();
  const frequency: number[] = [];
  const recency: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (const c of data) {
    const key = `${c.frequency}|${c.recency}|${c.T}`;
    const at = index.get(key);
    if (at !== undefined) {
      weight[at] = (weight[at] as number) + 1;
      continue;
    }
    index.set(key, frequency.length);
    frequency.push(c.frequency);
    recency.push(c.recency);
    T.push(c.T);
    weight.push(1);
  }
  const frequencyLevels = Float64Array.from(new Set(frequency)).sort();
  const levelOf = new Map<number, number>();
  frequencyLevels.forEach((x, i) => levelOf.set(x, i));
  return {
    frequencyLevels,
    level: Int32Array.from(frequency, (x) => levelOf.get(x) as number),
    frequency: Float64Array.from(frequency),
    recency: Float64Array.from(recency),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    n: data.length,
  };
}
