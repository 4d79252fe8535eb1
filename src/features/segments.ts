// Behaviour features for segmentation, each of one data class. A feature whose class the view
// hides is NaN (missing), as is one that is undefined for the member (order value without
// orders); the clustering then measures distances over the features present.
import type { DataClass } from '../core/index.js';
import { decayedValue } from '../profiles/stats.js';
import { activeMonths, monthIndex, monthIndexOfKey, sumMonths } from './months.js';
import { DAY_MS } from './purchases.js';
import type { MemberView } from './view.js';

export interface SegmentFeature {
  readonly name: string;
  readonly dataClass: DataClass;
  /** What a high value means, for reasons ("spend in the last 12 months"). */
  readonly label: string;
}

export const SEGMENT_FEATURES = [
  { name: 'spend12m', dataClass: 'purchase', label: 'spend in the last 12 months' },
  { name: 'orders12m', dataClass: 'purchase', label: 'orders in the last 12 months' },
  { name: 'regularity', dataClass: 'purchase', label: 'months with an order in the last 12' },
  { name: 'orderValue', dataClass: 'purchase', label: 'average order value' },
  { name: 'lifetimeSpend', dataClass: 'purchase', label: 'lifetime spend' },
  { name: 'spendDecline', dataClass: 'purchase', label: 'fall in spend over the last six months' },
  { name: 'discountShare', dataClass: 'purchase', label: 'share of purchases made with a discount' },
  { name: 'holidayShare', dataClass: 'purchase', label: 'share of orders in the November–December gift season' },
  { name: 'engagement', dataClass: 'engagement', label: 'recent clicks on messages' },
  { name: 'browsing', dataClass: 'browsing', label: 'recent browsing' },
] as const satisfies readonly SegmentFeature[];

export type SegmentFeatureName = (typeof SEGMENT_FEATURES)[number]['name'];

/** Bought at least this far below the catalog price: a sale purchase. */
export const SALE_DISCOUNT = 0.05;
/** Pseudo-orders pulling a member's gift-season share toward the calendar's 2 months in 12. */
const HOLIDAY_PRIOR_ORDERS = 2;
const HOLIDAY_BASE_SHARE = 2 / 12;

/** Current catalog prices, to tell sale purchases; undefined for unknown products. */
export type ListPrice = (productId: string) => number | undefined;

/** The feature vector of a member at `now`, in SEGMENT_FEATURES order. */
export function segmentFeatures(view: MemberView, now: number, listPrice: ListPrice): Float64Array {
  const s = view.stats;
  const out = new Float64Array(SEGMENT_FEATURES.length).fill(Number.NaN);
  if (s.orders !== undefined) {
    const month = monthIndex(now);
    const orders12 = sumMonths(s.monthlyOrders, month - 11, month);
    const recent = sumMonths(s.monthlyRevenue, month - 5, month);
    const previous = sumMonths(s.monthlyRevenue, month - 17, month - 6) / 2;
    out[0] = Math.log1p(Math.max(sumMonths(s.monthlyRevenue, month - 11, month), 0));
    out[1] = Math.log1p(orders12);
    out[2] = activeMonths(s.monthlyOrders, month - 11, month) / 12;
    if (s.orders > 0) out[3] = Math.log1p(Math.max(s.revenue ?? 0, 0) / s.orders);
    out[4] = Math.log1p(Math.max(s.revenue ?? 0, 0));
    if (recent + previous > 0) out[5] = (previous - recent) / (previous + recent);
    out[6] = discountShare(view, listPrice);
    out[7] = holidayShare(s.monthlyOrders ?? {}, month);
  }
  if (s.engagementDecay !== undefined) out[8] = Math.log1p(decayedValue(s.engagementDecay, now));
  if (s.browsingDecay !== undefined) out[9] = Math.log1p(decayedValue(s.browsingDecay, now));
  return out;
}

/**
 * The discount signal the rollups keep (they hold no per-order coupon flag): the mean of the
 * share of recent purchased items paid at least 5% below the catalog price, and the share of
 * earned loyalty points redeemed (a discount the member chose to use). NaN with neither.
 */
function discountShare(view: MemberView, listPrice: ListPrice): number {
  const signals: number[] = [];
  let priced = 0;
  let onSale = 0;
  for (const item of view.stats.recentProducts ?? []) {
    const list = listPrice(item.productId);
    if (item.price === undefined || list === undefined || !(list > 0)) continue;
    priced++;
    if (item.price <= list * (1 - SALE_DISCOUNT)) onSale++;
  }
  if (priced > 0) signals.push(onSale / priced);
  const earned = view.stats.pointsEarned ?? 0;
  if (earned > 0) signals.push(Math.min(Math.max((view.stats.pointsRedeemed ?? 0) / earned, 0), 1));
  return signals.length === 0 ? Number.NaN : signals.reduce((a, b) => a + b, 0) / signals.length;
}

/** Share of the last 24 months' orders placed in November or December, shrunk toward 2/12. */
function holidayShare(monthlyOrders: Readonly<Record<string, number>>, month: number): number {
  let all = 0;
  let holiday = 0;
  for (const key in monthlyOrders) {
    const m = monthIndexOfKey(key);
    if (m < month - 23 || m > month) continue;
    const n = monthlyOrders[key] as number;
    all += n;
    if (m % 12 >= 10) holiday += n;
  }
  if (all === 0) return Number.NaN;
  return (holiday + HOLIDAY_PRIOR_ORDERS * HOLIDAY_BASE_SHARE) / (all + HOLIDAY_PRIOR_ORDERS);
}

/** Days since enrolment, when the view may know it. */
export function tenureDays(view: MemberView, now: number): number | null {
  return view.enrolledAt === null ? null : Math.max(now - view.enrolledAt, 0) / DAY_MS;
}
