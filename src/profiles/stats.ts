// The live rollup of a profile: counts, sums, first/last times, per-category tallies and decayed
// engagement, updated by each event in the ingest transaction (DESIGN.md §3). Every field belongs
// to one data class (STATS_DATA_CLASS) so that readers can be given only what the tier allows.
import { CHANNELS, EVENTS, type Channel, type DataClass } from '../core/index.js';

export interface Decayed {
  /** Exponentially decayed count as of `at` (half-life DECAY_HALF_LIFE_MS). */
  value: number;
  at: number;
}

export interface ProductMention {
  productId: string;
  name?: string;
  category?: string;
  price?: number;
  at: number;
}

export interface ChannelEngagement {
  delivered: number;
  opened: number;
  clicked: number;
  lastDeliveredAt: number | null;
  lastEngagedAt: number | null;
}

export interface CartState {
  items: Array<{ productId: string; quantity: number; price: number | null }>;
  value: number;
  updatedAt: number;
  checkoutStartedAt: number | null;
}

export interface SupportNote {
  at: number;
  direction: 'inbound' | 'outbound';
  text: string;
}

export interface SurveyTally {
  count: number;
  sum: number;
  last: number;
  lastAt: number;
}

export interface ProfileStats {
  // purchase
  orders: number;
  revenue: number;
  itemsPurchased: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  refunds: number;
  refundedAmount: number;
  cancellations: number;
  lastOrderProblemAt: number | null;
  categoryCounts: Record<string, number>;
  recentProducts: ProductMention[];
  monthlyOrders: Record<string, number>;
  monthlyRevenue: Record<string, number>;
  orderHours: Record<string, number>;
  purchaseDecay: Decayed;
  pointsBalance: number;
  pointsEarned: number;
  pointsRedeemed: number;
  monthlyPoints: Record<string, number>;
  // engagement
  emailsDelivered: number;
  emailsOpened: number;
  emailsClicked: number;
  emailsBounced: number;
  lastEmailDeliveredAt: number | null;
  lastEmailOpenedAt: number | null;
  lastEmailClickedAt: number | null;
  channelEngagement: Record<Channel, ChannelEngagement>;
  unsubscribes: number;
  spamComplaints: number;
  monthlyEmailOpens: Record<string, number>;
  monthlyEmailClicks: Record<string, number>;
  engagementHours: Record<string, number>;
  engagementDecay: Decayed;
  // browsing
  pageViews: number;
  productViews: number;
  searches: number;
  sessions: number;
  lastBrowsedAt: number | null;
  viewedCategories: Record<string, number>;
  recentlyViewed: ProductMention[];
  cart: CartState | null;
  monthlyViews: Record<string, number>;
  browsingDecay: Decayed;
  // service
  complaints: number;
  lastComplaintAt: number | null;
  supportMessages: number;
  lastSupportMessageAt: number | null;
  recentSupportMessages: SupportNote[];
  // stated
  surveys: Record<string, SurveyTally>;
}

export const STATS_DATA_CLASS: Readonly<Record<keyof ProfileStats, DataClass>> = {
  orders: 'purchase',
  revenue: 'purchase',
  itemsPurchased: 'purchase',
  firstOrderAt: 'purchase',
  lastOrderAt: 'purchase',
  refunds: 'purchase',
  refundedAmount: 'purchase',
  cancellations: 'purchase',
  lastOrderProblemAt: 'purchase',
  categoryCounts: 'purchase',
  recentProducts: 'purchase',
  monthlyOrders: 'purchase',
  monthlyRevenue: 'purchase',
  orderHours: 'purchase',
  purchaseDecay: 'purchase',
  pointsBalance: 'purchase',
  pointsEarned: 'purchase',
  pointsRedeemed: 'purchase',
  monthlyPoints: 'purchase',
  emailsDelivered: 'engagement',
  emailsOpened: 'engagement',
  emailsClicked: 'engagement',
  emailsBounced: 'engagement',
  lastEmailDeliveredAt: 'engagement',
  lastEmailOpenedAt: 'engagement',
  lastEmailClickedAt: 'engagement',
  channelEngagement: 'engagement',
  unsubscribes: 'engagement',
  spamComplaints: 'engagement',
  monthlyEmailOpens: 'engagement',
  monthlyEmailClicks: 'engagement',
  engagementHours: 'engagement',
  engagementDecay: 'engagement',
  pageViews: 'browsing',
  productViews: 'browsing',
  searches: 'browsing',
  sessions: 'browsing',
  lastBrowsedAt: 'browsing',
  viewedCategories: 'browsing',
  recentlyViewed: 'browsing',
  cart: 'browsing',
  monthlyViews: 'browsing',
  browsingDecay: 'browsing',
  complaints: 'service',
  lastComplaintAt: 'service',
  supportMessages: 'service',
  lastSupportMessageAt: 'service',
  recentSupportMessages: 'service',
  surveys: 'stated',
};

export const DECAY_HALF_LIFE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_GAP_MS = 30 * 60 * 1000;
const RECENT_LIMIT = 10;
const SUPPORT_NOTES_LIMIT = 5;
const SUPPORT_TEXT_LIMIT = 500;
const MONTHS_KEPT = 24;

export function emptyStats(): ProfileStats {
  const channelEngagement = Object.fromEntries(
    CHANNELS.map((channel) => [channel, { delivered: 0, opened: 0, clicked: 0, lastDeliveredAt: null, lastEngagedAt: null }]),
  ) as Record<Channel, ChannelEngagement>;
  return {
    orders: 0, revenue: 0, itemsPurchased: 0, firstOrderAt: null, lastOrderAt: null, refunds: 0, refundedAmount: 0,
    cancellations: 0, lastOrderProblemAt: null, categoryCounts: {}, recentProducts: [], monthlyOrders: {},
    monthlyRevenue: {}, orderHours: {}, purchaseDecay: { value: 0, at: 0 }, pointsBalance: 0, pointsEarned: 0,
    pointsRedeemed: 0, monthlyPoints: {},
    emailsDelivered: 0, emailsOpened: 0, emailsClicked: 0, emailsBounced: 0, lastEmailDeliveredAt: null,
    lastEmailOpenedAt: null, lastEmailClickedAt: null, channelEngagement, unsubscribes: 0, spamComplaints: 0,
    monthlyEmailOpens: {}, monthlyEmailClicks: {}, engagementHours: {}, engagementDecay: { value: 0, at: 0 },
    pageViews: 0, productViews: 0, searches: 0, sessions: 0, lastBrowsedAt: null, viewedCategories: {},
    recentlyViewed: [], cart: null, monthlyViews: {}, browsingDecay: { value: 0, at: 0 },
    complaints: 0, lastComplaintAt: null, supportMessages: 0, lastSupportMessageAt: null, recentSupportMessages: [],
    surveys: {},
  };
}

/** Only the fields whose data class is in `classes`; the others are absent, not zeroed. */
export function statsOfClasses(stats: ProfileStats, classes: readonly DataClass[]): Partial<ProfileStats> {
  const view: Partial<ProfileStats> = {};
  for (const key of Object.keys(STATS_DATA_CLASS) as Array<keyof ProfileStats>) {
    if (classes.includes(STATS_DATA_CLASS[key])) (view as Record<string, unknown>)[key] = stats[key];
  }
  return view;
}

/** Decayed count after adding one occurrence at time t; order of arrival does not matter. */
export function addDecayed(decayed: Decayed, t: number, weight = 1): Decayed {
  if (t >= decayed.at) {
    return { value: decayed.value * Math.pow(2, -(t - decayed.at) / DECAY_HALF_LIFE_MS) + weight, at: t };
  }
  return { value: decayed.value + weight * Math.pow(2, -(decayed.at - t) / DECAY_HALF_LIFE_MS), at: decayed.at };
}

/** Decayed value as seen at `now`. */
export function decayedValue(decayed: Decayed, now: number): number {
  return now <= decayed.at ? decayed.value : decayed.value * Math.pow(2, -(now - decayed.at) / DECAY_HALF_LIFE_MS);
}

export function monthKey(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** Hour of the week in UTC, 0 = Monday 00:00. Send-time models shift it into the member's zone. */
export function hourOfWeek(t: number): number {
  const date = new Date(t);
  return ((date.getUTCDay() + 6) % 7) * 24 + date.getUTCHours();
}

/** Adds to a tally in place. */
export function bump(tally: Record<string, number>, key: string, by = 1): void {
  tally[key] = (tally[key] ?? 0) + by;
}

/** Adds to a monthly tally in place, keeping the newest MONTHS_KEPT months. */
export function bumpMonth(tally: Record<string, number>, t: number, by = 1): void {
  const key = monthKey(t);
  const isNew = tally[key] === undefined;
  tally[key] = (tally[key] ?? 0) + by;
  if (!isNew) return;
  const keys = Object.keys(tally);
  if (keys.length <= MONTHS_KEPT) return;
  keys.sort();
  for (const old of keys.slice(0, keys.length - MONTHS_KEPT)) delete tally[old];
}

export function minTime(a: number | null, t: number): number {
  return a === null ? t : Math.min(a, t);
}

export function maxTime(a: number | null, t: number): number {
  return a === null ? t : Math.max(a, t);
}

/** Keeps the newest `limit` mentions, newest first. */
export function pushRecent<T extends { at: number }>(list: T[], item: T, limit = RECENT_LIMIT): T[] {
  if (list.length >= limit && (list[list.length - 1] as T).at >= item.at) return list;
  const next = [...list, item];
  next.sort((a, b) => b.at - a.at);
  return next.length > limit ? next.slice(0, limit) : next;
}

export function pushSupportNote(list: SupportNote[], note: SupportNote): SupportNote[] {
  return pushRecent(list, { ...note, text: note.text.slice(0, SUPPORT_TEXT_LIMIT) }, SUPPORT_NOTES_LIMIT);
}

/**
 * Stats as stored: only the fields that differ from an empty profile (most members touch few of
 * the ~50 fields), so rows stay small and quick to write and parse.
 */
export function serializeStats(stats: ProfileStats): string {
  const sparse: Record<string, unknown> = {};
  for (const key of STATS_KEYS) {
    const value = stats[key] as unknown;
    if (value === 0 || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) sparse[key] = value;
    } else if (typeof value === 'object') {
      if (key === 'channelEngagement') {
        const used = Object.entries(value as Record<string, ChannelEngagement>).filter(([, e]) => e.delivered + e.opened + e.clicked > 0);
        if (used.length > 0) sparse[key] = Object.fromEntries(used);
      } else if ('value' in (value as object) && 'at' in (value as object)) {
        if ((value as Decayed).value !== 0) sparse[key] = value;
      } else {
        for (const _ in value as object) {
          sparse[key] = value;
          break;
        }
      }
    } else {
      sparse[key] = value;
    }
  }
  return JSON.stringify(sparse);
}

export function parseStats(text: string | null | undefined): ProfileStats {
  const stats = emptyStats();
  if (text === null || text === undefined || text === '') return stats;
  const stored = JSON.parse(text) as Partial<ProfileStats>;
  const { channelEngagement, ...rest } = stored;
  Object.assign(stats, rest);
  if (channelEngagement !== undefined) Object.assign(stats.channelEngagement, channelEngagement);
  return stats;
}

const STATS_KEYS = Object.keys(STATS_DATA_CLASS) as Array<keyof ProfileStats>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export { EVENTS };
