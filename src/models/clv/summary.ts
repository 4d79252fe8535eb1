// From raw purchases to the per-customer summary the lifetime-value models are fitted on
// (frequency x, recency t_x, age T, mean repeat spend z̄), over a calibration period.
//
// Conventions (the same as the `lifetimes` package with freq='D' and a frequency multiplier,
// which is how the published CDNOW summary was built):
//  - Days are whole calendar days (integers, e.g. days since 1970-01-01). The calibration
//    end day is included.
//  - All purchases of one customer on the same day collapse into one purchase whose amount is
//    their sum: the models count purchase occasions, not order lines.
//  - frequency = purchase days after the first; recency = last − first purchase day;
//    T = calibration end − first purchase day; both converted to the chosen unit
//    (a week is 7 days, a month 365.25/12 days), so they may be fractional.
//  - monetaryValue = mean amount of the repeat purchase days (the first purchase is excluded,
//    as the Gamma-Gamma model expects); 0 without repeat purchases.
//  - Customers whose first purchase is after the calibration end are left out.
import type { CustomerRfm } from './types.js';

export type TimeUnit = 'day' | 'week' | 'month';

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7, month: 365.25 / 12 };

export interface Purchase {
  customerId: string;
  /** Whole calendar day number. */
  day: number;
  amount: number;
}

/** One customer's purchase days in increasing order, with the total spent on each day. */
export interface PurchaseHistory {
  customerId: string;
  days: number[];
  amounts: number[];
}

export interface CustomerSummary extends CustomerRfm {
  id: string;
  monetaryValue: number;
}

/** Groups purchases by customer (in order of first appearance) and collapses same-day purchases. */
export function purchaseHistories(purchases: readonly Purchase[]): PurchaseHistory[] {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const { customerId, day, amount } of purchases) {
    let days = byCustomer.get(customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(customerId, days);
    }
    days.set(day, (days.get(day) ?? 0) + amount);
  }
  return [...byCustomer].map(([customerId, days]) => {
    const sorted = [...days].sort((a, b) => a[0] - b[0]);
    return { customerId, days: sorted.map(([day]) => day), amounts: sorted.map(([, amount]) => amount) };
  });
}

/** Summary of one history as of `endDay` (purchases after it are ignored); undefined when none before. */
export function summarizeHistory(history: PurchaseHistory, endDay: number, unit: TimeUnit): CustomerSummary | undefined {
  const first = history.days[0];
  if (first === undefined || first > endDay) return undefined;
  const daysPerUnit = DAYS_PER_UNIT[unit];
  let last = first;
  let repeatCount = 0;
  let repeatSpend = 0;
  for (let i = 1; i < history.days.length; i++) {
    const day = history.days[i] as number;
    if (day > endDay) break;
    last = day;
    repeatCount++;
    repeatSpend += history.amounts[i] as number;
  }
  return {
    id: history.customerId,
    frequency: repeatCount,
    recency: (last - first) / daysPerUnit,
    T: (endDay - first) / daysPerUnit,
    monetaryValue: repeatCount > 0 ? repeatSpend / repeatCount : 0,
  };
}

/** The calibration-period summary of every customer who bought on or before `calibrationEndDay`. */
export function summarizePurchases(purchases: readonly Purchase[], calibrationEndDay: number, unit: TimeUnit): CustomerSummary[] {
  const summaries: CustomerSummary[] = [];
  for (const history of purchaseHistories(purchases)) {
    const summary = summarizeHistory(history, calibrationEndDay, unit);
    if (summary) summaries.push(summary);
  }
  return summaries;
}
