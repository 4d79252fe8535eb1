// Churn features: per-member numbers describing purchase history as of a cutoff day, plus the
// lifetime-value model's view of the member, plus optional signals from other parts of the
// product. Only purchases on or before the cutoff are read, so a feature can never see the
// window it is asked to predict.
//
// Counts and durations are log-transformed (log1p): their effect on churn odds is closer to
// linear in the log, and the transform tames the long tails of frequent buyers.
import {
  bgnbdExpectedPurchases,
  bgnbdProbabilityAlive,
  bgnbdProbabilityNoPurchase,
  DAYS_PER_UNIT,
  summarizeHistory,
  type BgNbdParams,
  type PurchaseHistory,
  type TimeUnit,
} from '../clv/index.js';

/** The features every member has, in column order. */
export const HISTORY_FEATURES = [
  /** log(1 + time since the last purchase). */
  'recency',
  /** log(1 + repeat purchases). */
  'frequency',
  /** (later − earlier) / (later + earlier + 1) repeat purchases in the two halves of the
   *  member's tenure: −1 slowing down … +1 speeding up. */
  'frequencyTrend',
  /** log(1 + mean spend per purchase day). */
  'monetary',
  /** log(1 + time since the first purchase). */
  'tenure',
  /** log(1 + BG/NBD expected purchases in the window). */
  'expectedPurchases',
  /** BG/NBD probability of being alive (one feature among many — never the score alone:
   *  it is 1 for every member without a repeat purchase). */
  'pAlive',
  /** Log-odds of BG/NBD's probability of no purchase in the window. */
  'noPurchaseLogOdds',
] as const;

/**
 * Optional per-member signals from profile rollups (for example `emailEngagementDecline`,
 * `pointsAccrualRate`, `complaintRate`). `valuesAsOf(day)` must return the values as they
 * were on that day — the training split asks for an earlier day than scoring does, and
 * values from later would leak the outcome. A member without a value gets NaN, which the
 * classifier imputes with the training mean.
 */
export interface MemberSignals {
  names: readonly string[];
  valuesAsOf(day: number): ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export interface FeatureOptions {
  /** Features describe purchases on or before this day. */
  cutoffDay: number;
  /** Length in days of the window that follows the cutoff (the prediction target). */
  windowDays: number;
  /** Time unit of the BG/NBD model (its params must have been fitted in this unit). */
  unit: TimeUnit;
  /** BG/NBD fitted on the summaries as of `cutoffDay`. */
  purchaseModel: BgNbdParams;
  signals?: MemberSignals | undefined;
}

export interface FeatureTable {
  names: string[];
  memberIds: string[];
  rows: number[][];
  /** Per member, the BG/NBD expected purchases in the window (a baseline score). */
  expectedPurchases: number[];
  /** Per member, time since the last purchase in days (a baseline score). */
  daysSinceLastPurchase: number[];
}

/** Features of every member whose first purchase is on or before the cutoff. */
export function buildChurnFeatures(histories: readonly PurchaseHistory[], options: FeatureOptions): FeatureTable {
  const { cutoffDay, windowDays, unit, purchaseModel, signals } = options;
  const window = windowDays / DAYS_PER_UNIT[unit];
  const signalNames = signals?.names ?? [];
  const signalValues = signals?.valuesAsOf(cutoffDay);
  const table: FeatureTable = {
    names: [...HISTORY_FEATURES, ...signalNames],
    memberIds: [],
    rows: [],
    expectedPurchases: [],
    daysSinceLastPurchase: [],
  };
  for (const history of histories) {
    const summary = summarizeHistory(history, cutoffDay, unit);
    if (!summary) continue;
    const expected = bgnbdExpectedPurchases(purchaseModel, summary, window);
    const noPurchase = bgnbdProbabilityNoPurchase(purchaseModel, summary, window);
    const own = signalValues?.get(history.customerId);
    table.memberIds.push(history.customerId);
    table.expectedPurchases.push(expected);
    table.daysSinceLastPurchase.push(cutoffDay - lastPurchaseDay(history, cutoffDay));
    table.rows.push([
      Math.log1p(summary.T - summary.recency),
      Math.log1p(summary.frequency),
      frequencyTrend(history, cutoffDay),
      Math.log1p(meanSpendPerDay(history, cutoffDay)),
      Math.log1p(summary.T),
      Math.log1p(expected),
      bgnbdProbabilityAlive(purchaseModel, summary),
      logOdds(noPurchase),
      ...signalNames.map((name) => own?.[name] ?? Number.NaN),
    ]);
  }
  return table;
}

/** Whether the member made no purchase in (fromDay, fromDay + windowDays]: 1 = churned. */
export function noPurchaseLabel(history: PurchaseHistory, fromDay: number, windowDays: number): number {
  return history.days.some((day) => day > fromDay && day <= fromDay + windowDays) ? 0 : 1;
}

function lastPurchaseDay(history: PurchaseHistory, cutoffDay: number): number {
  let last = history.days[0] as number;
  for (const day of history.days) {
    if (day > cutoffDay) break;
    last = day;
  }
  return last;
}

function frequencyTrend(history: PurchaseHistory, cutoffDay: number): number {
  const first = history.days[0] as number;
  const middle = first + (cutoffDay - first) / 2;
  let earlier = 0;
  let later = 0;
  for (let i = 1; i < history.days.length; i++) {
    const day = history.days[i] as number;
    if (day > cutoffDay) break;
    if (day <= middle) earlier++;
    else later++;
  }
  return (later - earlier) / (later + earlier + 1);
}

function meanSpendPerDay(history: PurchaseHistory, cutoffDay: number): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < history.days.length && (history.days[i] as number) <= cutoffDay; i++) {
    total += history.amounts[i] as number;
    count++;
  }
  return count > 0 ? Math.max(total / count, 0) : 0;
}

function logOdds(p: number): number {
  const clamped = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(clamped / (1 - clamped));
}
