// Churn features from the rollups as of a moment: the purchase history the lifetime-value model
// sees, its predictions for the window, and loyalty and email-engagement trends from the
// monthly tallies. Counts are log1p-transformed (closer to linear in the log-odds, tamer tails).
// Complaints are not a feature: service data only protects (see inputs.ts), and the rollups
// cannot say how many complaints there were at a past cutoff.
import { bgnbdExpectedPurchases, bgnbdProbabilityAlive, type BgNbdParams } from '../models/clv/index.js';
import { monthIndex, sumMonths } from './months.js';
import { DAY_MS, purchasesAsOf, rfmOf } from './purchases.js';
import type { MemberView } from './view.js';

export const CHURN_FEATURES = [
  /** log(1 + days since the last order). */
  'recency',
  /** log(1 + repeat orders). */
  'frequency',
  /** (later − earlier) / (later + earlier + 1) orders in the last two half-years: −1 slowing … +1 speeding up. */
  'frequencyTrend',
  /** log(1 + mean order value). */
  'monetary',
  /** log(1 + days since the first order). */
  'tenure',
  /** log(1 + BG/NBD expected purchases in the window). */
  'expectedPurchases',
  /** BG/NBD P(alive): one feature among many, never the score (it is 1 for every one-time buyer). */
  'pAlive',
  /** log(1 + loyalty points earned in the last six months). */
  'pointsAccrual',
  /** log(1 + clicks + ¼ opens in the last six months); opens count less (mail privacy proxies open mail). */
  'emailEngagement',
  /** (recent − earlier) / (recent + earlier + 1) engagement in the last two quarters: negative when declining. */
  'emailEngagementTrend',
] as const;

export type ChurnFeatureName = (typeof CHURN_FEATURES)[number];

const OPEN_WEIGHT = 0.25;

/**
 * The feature row of a member as of `asOf` for a window of `windowWeeks`; null when the member
 * had no order by then (churn is about buyers) or purchases are hidden. Engagement features are
 * NaN when hidden; the classifier imputes them with the training mean.
 */
export function churnFeatures(view: MemberView, asOf: number, windowWeeks: number, purchaseModel: BgNbdParams): number[] | null {
  const purchases = purchasesAsOf(view.stats, asOf);
  if (purchases === null) return null;
  const rfm = rfmOf(purchases, asOf);
  const s = view.stats;
  const last = monthIndex(asOf - 1);
  const later = sumMonths(s.monthlyOrders, last - 5, last);
  const earlier = sumMonths(s.monthlyOrders, last - 11, last - 6);
  const expected = bgnbdExpectedPurchases(purchaseModel, rfm, windowWeeks);
  const engagement = (from: number, to: number): number =>
    sumMonths(s.monthlyEmailClicks, from, to) + OPEN_WEIGHT * sumMonths(s.monthlyEmailOpens, from, to);
  const hasEngagement = s.monthlyEmailClicks !== undefined;
  const recentEngagement = engagement(last - 2, last);
  const earlierEngagement = engagement(last - 5, last - 3);
  return [
    Math.log1p((asOf - purchases.lastOrderAt) / DAY_MS),
    Math.log1p(purchases.orders - 1),
    (later - earlier) / (later + earlier + 1),
    Math.log1p(Math.max(purchases.revenue, 0) / purchases.orders),
    Math.log1p((asOf - purchases.firstOrderAt) / DAY_MS),
    Math.log1p(expected),
    bgnbdProbabilityAlive(purchaseModel, rfm),
    Math.log1p(Math.max(sumMonths(s.monthlyPoints, last - 5, last), 0)),
    hasEngagement ? Math.log1p(recentEngagement + earlierEngagement) : Number.NaN,
    hasEngagement ? (recentEngagement - earlierEngagement) / (recentEngagement + earlierEngagement + 1) : Number.NaN,
  ];
}

/** 1 when the member placed no order in the months [fromMonth, toMonth] (the label window). */
export function noOrderIn(view: MemberView, fromMonth: number, toMonth: number): number {
  return sumMonths(view.stats.monthlyOrders, fromMonth, toMonth) > 0 ? 0 : 1;
}
