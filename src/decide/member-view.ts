// The member as the decision engine may see them: built only from the data classes the member's
// consent tier allows (DESIGN.md §5). Consent is enforced here, where data is read — every later
// step (eligibility, guardrails, policy, explanations) sees nothing else. Service data is kept
// apart, for protection only: it can suppress promotions and route to a person, never sell.
import {
  allowsPersonalization, type ChannelSubscriptions, type ConsentTier, type DataClass,
} from '../core/index.js';
import { assessMessage, currentState, type EmotionalState } from '../models/emotion/index.js';
import { decayedValue, type ProductMention, type ProfileStats } from '../profiles/stats.js';
import type { ProfileRecord } from '../store/index.js';
import type { MemberScores } from '../understand/scores.js';

export type { MemberScores };

const DAY_MS = 86_400_000;

/**
 * Scores that are inferences — predictions about the member — need the proactive tier whatever
 * they were computed from (DESIGN.md §5). Segments and send-time preferences are usable when
 * every class they were computed from (`basis`) is allowed for the member's current tier.
 */
export const INFERRED_SCORES = ['churnRisk', 'value', 'topProducts'] as const;

export interface PurchaseView {
  orders: number;
  revenue: number;
  averageOrderValue: number | null;
  daysSinceLastOrder: number | null;
  daysSinceFirstOrder: number | null;
  topCategories: string[];
  recentProducts: ProductMention[];
  pointsBalance: number;
  recentActivity: number;
}

export interface EngagementView {
  emailsDelivered: number;
  emailsOpened: number;
  emailsClicked: number;
  clickRate: number | null;
  daysSinceLastClick: number | null;
  recentActivity: number;
}

export interface BrowsingView {
  cartValue: number;
  cartItems: number;
  cartProductIds: string[];
  hoursSinceCartUpdate: number | null;
  checkoutStarted: boolean;
  topViewedCategories: string[];
  recentlyViewed: ProductMention[];
}

export interface ProtectionView {
  daysSinceComplaint: number | null;
  daysSinceOrderProblem: number | null;
  daysSinceNegativeSupport: number | null;
  emotionalState: { state: EmotionalState; intensity: number };
  /** True when the latest inbound support message asks for, or clearly needs, a person. */
  needsHuman: boolean;
  unsubscribes: number;
  spamComplaints: number;
}

export interface MemberView {
  profileId: string;
  tier: ConsentTier;
  channels: ChannelSubscriptions;
  /** Contact data: used to reach the member at a decent local hour. */
  timezone: string | null;
  member: { daysSinceJoined: number };
  stated: { npsLast: number | null; csatLast: number | null };
  purchase?: PurchaseView;
  engagement?: EngagementView;
  browsing?: BrowsingView;
  segment?: { name: string; reasons: string[] };
  inferred?: { churnRisk: number | null; clv: number | null; pAlive: number | null; topProducts: string[] };
  sendTime?: { bestHour: number | null; preferredChannel: string | null };
  protection: ProtectionView;
  /** Engagement used only for frequency caps and cool-downs (allowed in every tier). */
  caps: { lastEngagedAt: number | null };
  modelVersion: string | null;
}

const days = (now: number, t: number | null): number | null => (t === null ? null : Math.max(0, (now - t) / DAY_MS));

function topKeys(tally: Record<string, number>, n: number): string[] {
  return Object.entries(tally).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k]) => k);
}

function purchaseView(s: ProfileStats, now: number): PurchaseView {
  return {
    orders: s.orders,
    revenue: s.revenue,
    averageOrderValue: s.orders > 0 ? s.revenue / s.orders : null,
    daysSinceLastOrder: days(now, s.lastOrderAt),
    daysSinceFirstOrder: days(now, s.firstOrderAt),
    topCategories: topKeys(s.categoryCounts, 3),
    recentProducts: s.recentProducts.slice(0, 5),
    pointsBalance: s.pointsBalance,
    recentActivity: decayedValue(s.purchaseDecay, now),
  };
}

function engagementView(s: ProfileStats, now: number): EngagementView {
  return {
    emailsDelivered: s.emailsDelivered,
    emailsOpened: s.emailsOpened,
    emailsClicked: s.emailsClicked,
    clickRate: s.emailsDelivered > 0 ? s.emailsClicked / s.emailsDelivered : null,
    daysSinceLastClick: days(now, s.lastEmailClickedAt),
    recentActivity: decayedValue(s.engagementDecay, now),
  };
}

function browsingView(s: ProfileStats, now: number): BrowsingView {
  return {
    cartValue: s.cart?.value ?? 0,
    cartItems: s.cart?.items.reduce((n, i) => n + i.quantity, 0) ?? 0,
    cartProductIds: s.cart?.items.map((i) => i.productId) ?? [],
    hoursSinceCartUpdate: s.cart === null ? null : Math.max(0, (now - s.cart.updatedAt) / 3_600_000),
    checkoutStarted: s.cart?.checkoutStartedAt != null,
    topViewedCategories: topKeys(s.viewedCategories, 3),
    recentlyViewed: s.recentlyViewed.slice(0, 5),
  };
}

/**
 * Emotional state from the member's recent inbound support messages, decaying over time —
 * computed at decision time, since a weekly score would be days stale.
 */
function protectionView(s: ProfileStats, now: number): ProtectionView {
  const inbound = s.recentSupportMessages.filter((m) => m.direction === 'inbound' && m.at <= now);
  const assessed = inbound.map((m) => ({ at: m.at, ...assessMessage(m.text) }));
  const fromMessages = currentState(assessed.map(({ at, state, intensity }) => ({ at, state, intensity })), now);
  const latest = assessed.sort((a, b) => b.at - a.at)[0];
  const negative = assessed.filter((a) => a.state === 'frustrated' || a.state === 'angry').map((a) => a.at);
  const emotionalState = { state: fromMessages.state, intensity: fromMessages.intensity };
  return {
    daysSinceComplaint: days(now, s.lastComplaintAt),
    daysSinceOrderProblem: days(now, s.lastOrderProblemAt),
    daysSinceNegativeSupport: negative.length > 0 ? days(now, Math.max(...negative)) : null,
    emotionalState,
    needsHuman: latest !== undefined && latest.needsHuman && now - latest.at < 7 * DAY_MS,
    unsubscribes: s.unsubscribes,
    spamComplaints: s.spamComplaints,
  };
}

function lastEngagement(s: ProfileStats): number | null {
  const times = [s.lastEmailOpenedAt, s.lastEmailClickedAt, ...Object.values(s.channelEngagement).map((c) => c.lastEngagedAt)];
  const known = times.filter((t): t is number => t !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

export function buildMemberView(profile: ProfileRecord, scores: MemberScores | undefined, now: number): MemberView {
  const tier = profile.consent.tier;
  const allowed = (dataClass: DataClass) => allowsPersonalization(tier, dataClass);
  const s = profile.stats;
  const surveys = allowed('stated') ? s.surveys : {};
  const view: MemberView = {
    profileId: profile.profileId,
    tier,
    channels: { ...profile.consent.channels },
    timezone: profile.timezone,
    member: { daysSinceJoined: days(now, profile.firstSeenAt) ?? 0 },
    stated: { npsLast: surveys.nps?.last ?? null, csatLast: surveys.csat?.last ?? null },
    protection: protectionView(s, now),
    caps: { lastEngagedAt: lastEngagement(s) },
    modelVersion: scores?.modelVersion ?? null,
  };
  if (allowed('purchase')) view.purchase = purchaseView(s, now);
  if (allowed('engagement')) view.engagement = engagementView(s, now);
  if (allowed('browsing')) view.browsing = browsingView(s, now);
  if (scores !== undefined) {
    const usable = (name: keyof MemberScores['basis']) => scores.basis[name].every(allowed);
    if (scores.segment.name !== 'unknown' && usable('segment')) {
      view.segment = { name: scores.segment.name, reasons: scores.segment.reasons.map((r) => r.text) };
    }
    if (allowed('inferred') && INFERRED_SCORES.every(usable)) {
      view.inferred = { churnRisk: scores.churnRisk, clv: scores.clv, pAlive: scores.pAlive, topProducts: scores.topProducts.map((p) => p.productId) };
    }
    view.sendTime = {
      bestHour: scores.bestHour !== null && usable('bestHour') ? scores.bestHour.hour : null,
      preferredChannel: scores.preferredChannel !== null && usable('preferredChannel') ? scores.preferredChannel : null,
    };
  }
  return view;
}

/** Reads a dotted path (`purchase.daysSinceLastOrder`) from the view; undefined when hidden or absent. */
export function viewValue(view: MemberView, path: string): unknown {
  let current: unknown = view;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
