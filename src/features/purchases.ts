// A member's purchases as known at a moment, from the rollups (DESIGN.md §3: scoring reads
// rollups, not raw events). Totals, first and last order are exact at "now"; for an earlier
// month boundary (the churn model's training cutoff) the monthly tallies after it are
// subtracted, and the last order before it is placed mid-month (the tallies' resolution).
import type { CustomerRfm } from '../models/clv/index.js';
import type { ProfileStats } from '../profiles/stats.js';
import { monthIndex, monthIndexOfKey, monthStart, sumMonths } from './months.js';

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface PurchasesAsOf {
  orders: number;
  revenue: number;
  firstOrderAt: number;
  lastOrderAt: number;
}

type PurchaseStats = Pick<ProfileStats, 'orders' | 'revenue' | 'firstOrderAt' | 'lastOrderAt' | 'monthlyOrders' | 'monthlyRevenue'>;

/**
 * Purchases before `asOf`, which is either at or after the last order, or a month boundary.
 * Null when purchase data is hidden from the caller or there is no order before `asOf`.
 */
export function purchasesAsOf(stats: Partial<ProfileStats>, asOf: number): PurchasesAsOf | null {
  if (stats.orders === undefined || stats.firstOrderAt === undefined) return null;
  const s = stats as PurchaseStats;
  if (s.orders <= 0 || s.firstOrderAt === null || s.lastOrderAt === null || s.firstOrderAt > asOf) return null;
  if (s.lastOrderAt <= asOf) return { orders: s.orders, revenue: s.revenue, firstOrderAt: s.firstOrderAt, lastOrderAt: s.lastOrderAt };
  const cutoffMonth = monthIndex(asOf);
  const orders = s.orders - sumMonths(s.monthlyOrders, cutoffMonth, Number.POSITIVE_INFINITY);
  if (orders <= 0) return null;
  const revenue = s.revenue - sumMonths(s.monthlyRevenue, cutoffMonth, Number.POSITIVE_INFINITY);
  let lastMonth = -1;
  for (const key in s.monthlyOrders) {
    const m = monthIndexOfKey(key);
    if (m < cutoffMonth && (s.monthlyOrders[key] as number) > 0 && m > lastMonth) lastMonth = m;
  }
  const midMonth = lastMonth < 0 ? s.firstOrderAt : (monthStart(lastMonth) + monthStart(lastMonth + 1)) / 2;
  return { orders, revenue, firstOrderAt: s.firstOrderAt, lastOrderAt: Math.min(Math.max(midMonth, s.firstOrderAt), asOf) };
}

/**
 * The RFM-T summary the lifetime-value models take, in weeks of whole calendar days (the
 * convention of models/clv/summary.ts). Rollups count orders, not purchase days: orders within
 * one day count as one purchase only when they are all on one day, and the mean repeat spend is
 * the mean order value (the first order's amount is not kept apart).
 */
export function rfmOf(p: PurchasesAsOf, asOf: number): CustomerRfm {
  const first = Math.floor(p.firstOrderAt / DAY_MS);
  const span = Math.floor(p.lastOrderAt / DAY_MS) - first;
  const frequency = span >= 1 ? p.orders - 1 : 0;
  return {
    frequency,
    recency: frequency > 0 ? span / 7 : 0,
    T: Math.max(Math.floor(asOf / DAY_MS) - first, 0) / 7,
    monetaryValue: Math.max(p.revenue, 0) / p.orders,
  };
}
