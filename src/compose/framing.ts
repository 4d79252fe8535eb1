// Framing: which words fit the member's situation (DESIGN.md §7). New members are welcomed,
// engaged members hear what is new, lapsed high-value members are thanked and missed, price-
// driven members see member prices, and upset members hear no promotion at all. A triggered
// action (a replenishment reminder, a post-delivery check-in…) carries its own framing.
// The reasons are written value-first: what the member gains, never what we recorded.
import { allowsPersonalization, type ConsentTier, type DataClass } from '../core/consent.js';
import type { SegmentName } from '../core/segments.js';
import type { EmotionalState } from '../models/emotion/index.js';

export const FRAMINGS = [
  'welcome',
  'new_arrivals',
  'we_miss_you',
  'member_price',
  'no_promotion',
  'progression',
  'replenishment',
  'check_in',
  'cart_reminder',
  'service_follow_up',
] as const;
export type Framing = (typeof FRAMINGS)[number];

/** The seven behavioural segments of the understand stage (issue 3), named in core. */
export type Segment = SegmentName;

/** Framings that speak only about service: the only words an upset member receives. */
const SERVICE_FRAMINGS: ReadonlySet<Framing> = new Set(['no_promotion', 'service_follow_up']);

/**
 * The data class a framing's words stand on; the framing is off limits to a tier that does not
 * allow it. A cart reminder speaks from the cart (browsing); a replenishment reminder, a
 * check-in, a progression and "we miss you" speak from what the member bought.
 */
export const FRAMING_NEEDS: Readonly<Record<Framing, DataClass | null>> = {
  welcome: null,
  new_arrivals: null,
  we_miss_you: 'purchase',
  member_price: null,
  no_promotion: null,
  progression: 'purchase',
  replenishment: 'purchase',
  check_in: 'purchase',
  cart_reminder: 'browsing',
  service_follow_up: null,
};

/** Actions whose trigger already says what the member needs: the action id is the framing. */
const TRIGGERED_ACTIONS: ReadonlySet<string> = new Set<Framing>(['welcome', 'progression', 'replenishment', 'check_in', 'cart_reminder', 'service_follow_up']);

/** The framing each segment calls for when the action is a campaign (new arrivals, member price…). */
const SEGMENT_FRAMING: Readonly<Partial<Record<Segment, Framing>>> = {
  'New Members': 'welcome',
  Enthusiasts: 'new_arrivals',
  'Lapsed VIPs': 'we_miss_you',
  'Bargain Hunters': 'member_price',
};

/**
 * Segments are scored weekly. A "lapsed" member who ordered within this many days has come
 * back since: "we miss you" would be wrong, so they hear what is new instead.
 */
export const RECENT_ORDER_DAYS = 30;

/** What the framing decision may look at. Purchase fields are ignored unless the tier allows purchase data. */
export interface Situation {
  /** The action being composed: its id names its template set ("new_arrivals", "replenishment", …). */
  action: string;
  tier: ConsentTier;
  /** The member's segment as the decision engine may use it for this tier; null when unknown. */
  segment: Segment | null;
  emotionalState: EmotionalState;
  /** An open complaint or a negative support conversation: always protects, whatever the tier. */
  openComplaint?: boolean;
  daysSinceLastOrder?: number | null;
  recentPurchaseCategories?: readonly string[];
}

export type FramingReasonCode =
  | 'upset_service_only'
  | 'upset_no_promotion'
  | 'triggered'
  | 'tier_does_not_allow'
  | 'needs_recent_purchase'
  | 'segment'
  | 'returned_recently'
  | 'action_default'
  | 'no_template';

export interface FramingReason {
  code: FramingReasonCode;
  /** Plain language for reviewers and explanations; cites no data the tier does not allow. */
  text: string;
}

/** The chosen framing, or null: the right words for this situation are none (silence). */
export interface FramingChoice {
  framing: Framing | null;
  reason: FramingReason;
}

const UPSET_STATES: ReadonlySet<EmotionalState> = new Set(['frustrated', 'angry']);

/** What each framing sets out to do for the member: reasons quote it, and so does the LLM prompt. */
export const FRAMING_PURPOSE: Readonly<Record<Framing, string>> = {
  welcome: 'welcome them and show what membership gives',
  new_arrivals: 'share what is new in the things they enjoy',
  we_miss_you: 'thank them for their loyalty and let them know they are missed',
  member_price: 'show member prices, the same for every member',
  no_promotion: 'offer help only, with no promotion',
  progression: 'suggest a next step that builds on what they started',
  replenishment: 'offer a timely refill of something they use up',
  check_in: 'make sure their order is working out for them',
  cart_reminder: 'keep the items they chose within easy reach',
  service_follow_up: 'follow up on the help they asked for',
};

function choice(framing: Framing | null, code: FramingReasonCode, text: string): FramingChoice {
  return { framing, reason: { code, text } };
}

function tierAllows(framing: Framing, tier: ConsentTier): boolean {
  const needs = FRAMING_NEEDS[framing];
  return needs === null || allowsPersonalization(tier, needs);
}

/**
 * Chooses the framing for an action, among the framings its template set has words for on the
 * channel (`available`). Order of precedence: an upset member (service words or silence), the
 * action's own trigger, the member's segment, then the action's default framing.
 */
export function chooseFraming(situation: Situation, available: ReadonlySet<Framing>): FramingChoice {
  const { action, tier } = situation;

  if (UPSET_STATES.has(situation.emotionalState) || situation.openComplaint === true) {
    const service = [...SERVICE_FRAMINGS].find((framing) => available.has(framing));
    if (service !== undefined) return choice(service, 'upset_service_only', `The member is upset: ${FRAMING_PURPOSE[service]}.`);
    return choice(null, 'upset_no_promotion', 'The member is upset: no promotion now; help comes from a person, not a campaign.');
  }

  if (TRIGGERED_ACTIONS.has(action)) {
    const framing = action as Framing;
    if (!available.has(framing)) return choice(null, 'no_template', `The "${action}" action has no ${framing} template on this channel.`);
    if (!tierAllows(framing, tier)) {
      return choice(null, 'tier_does_not_allow', `A ${framing} message speaks from ${FRAMING_NEEDS[framing]} data, which a ${tier} member has not shared with us.`);
    }
    if (framing === 'progression' && recentCategories(situation).length === 0) {
      return choice(null, 'needs_recent_purchase', 'A progression builds on something the member started; there is no recent purchase to build on.');
    }
    return choice(framing, 'triggered', `To ${FRAMING_PURPOSE[framing]}.`);
  }

  const ideal = situation.segment === null ? undefined : SEGMENT_FRAMING[situation.segment];
  if (ideal === 'we_miss_you' && returnedRecently(situation)) {
    const framing = available.has('new_arrivals') ? 'new_arrivals' : actionDefault(action, available, tier, 'we_miss_you');
    if (framing === null) return choice(null, 'returned_recently', 'The member came back recently: "we miss you" no longer fits, and this action has no other words.');
    return choice(framing, 'returned_recently', `The member came back recently: rather than say we miss them, ${FRAMING_PURPOSE[framing]}.`);
  }
  if (ideal !== undefined && available.has(ideal) && tierAllows(ideal, tier)) return choice(ideal, 'segment', `To ${FRAMING_PURPOSE[ideal]}.`);

  const fallback = actionDefault(action, available, tier);
  if (fallback === null) return choice(null, 'no_template', `The "${action}" action has no template this member's tier allows on this channel.`);
  return choice(fallback, 'action_default', `To ${FRAMING_PURPOSE[fallback]}.`);
}

/** The action's own framing when its id names one, else the first promotional framing it has words for. */
function actionDefault(action: string, available: ReadonlySet<Framing>, tier: ConsentTier, except?: Framing): Framing | null {
  const usable = (framing: Framing): boolean => framing !== except && available.has(framing) && !SERVICE_FRAMINGS.has(framing) && tierAllows(framing, tier);
  if ((FRAMINGS as readonly string[]).includes(action) && usable(action as Framing)) return action as Framing;
  return FRAMINGS.find(usable) ?? null;
}

function allowsPurchase(situation: Situation): boolean {
  return allowsPersonalization(situation.tier, 'purchase');
}

function recentCategories(situation: Situation): readonly string[] {
  return allowsPurchase(situation) ? (situation.recentPurchaseCategories ?? []) : [];
}

function returnedRecently(situation: Situation): boolean {
  const days = allowsPurchase(situation) ? situation.daysSinceLastOrder : null;
  return days !== undefined && days !== null && days < RECENT_ORDER_DAYS;
}
