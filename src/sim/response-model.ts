// How a member responds to a touch: the probabilities of opening, clicking, buying,
// unsubscribing, complaining and replying in anger, from relevance, framing fit, timing, contact
// pressure and creepiness. Pure functions of a `TouchSituation`; docs/simulation.md states the
// same equations and every parameter below.
import type { Channel } from '../core/consent.js';
import type { PersonaId } from './personas.js';

/**
 * The framings of a touch: compose's framings (src/compose/framing.ts), plus three the baseline
 * policies use — a birthday message, a gift guide and the brand's weekly newsletter.
 */
export const FRAMINGS = [
  'welcome', 'new_arrivals', 'we_miss_you', 'member_price', 'no_promotion', 'progression', 'replenishment',
  'check_in', 'cart_reminder', 'service_follow_up', 'birthday', 'gift_guide', 'newsletter',
] as const;
export type Framing = (typeof FRAMINGS)[number];

/** Persona × framing fit before the member's situation: −1 (wrong) … 1 (right). Columns follow FRAMINGS. */
export const FRAMING_FIT: Readonly<Record<PersonaId, readonly number[]>> = {
  // welcome, new_arrivals, we_miss_you, member_price, no_promotion, progression, replenishment,
  // check_in, cart_reminder, service_follow_up, birthday, gift_guide, newsletter
  Enthusiasts: [0.0, 0.6, -0.2, 0.0, 0.0, 0.6, 0.3, 0.2, 0.2, 0.0, 0.2, 0.0, 0.1],
  'Routine Buyers': [0.0, 0.2, 0.0, 0.2, 0.0, 0.4, 0.5, 0.2, 0.2, 0.0, 0.2, 0.0, 0.0],
  'Bargain Hunters': [0.0, -0.2, 0.0, 0.9, 0.0, 0.0, 0.1, 0.0, 0.3, 0.0, 0.2, 0.0, -0.1],
  'Lapsed VIPs': [0.0, 0.1, 0.6, 0.1, 0.0, 0.2, 0.2, 0.1, 0.2, 0.0, 0.2, 0.0, -0.1],
  'New Members': [0.6, 0.3, -0.3, 0.2, 0.0, 0.3, -0.1, 0.2, 0.2, 0.0, 0.2, 0.0, 0.1],
  'Gift Givers': [0.0, 0.0, 0.0, 0.2, 0.0, 0.0, -0.2, 0.1, 0.2, 0.0, 0.2, 0.6, -0.1],
  Browsers: [0.0, 0.3, 0.0, 0.2, 0.0, 0.2, 0.0, 0.0, 0.1, 0.0, 0.2, 0.1, -0.1],
};

/** Everything about the member and the moment that the response depends on. */
export interface TouchSituation {
  persona: PersonaId;
  channel: Channel;
  /** Baseline open propensity (trait). */
  engagement: number;
  priceSensitivity: number;
  creepSensitivity: number;
  isPreferredChannel: boolean;
  /** Local hour of the send (fractional) and the member's best hour. */
  localHour: number;
  bestHour: number;
  /** Decayed touch counts including this touch, and the member's weekly tolerance. */
  touchesLast7Days: number;
  touchesLast30Days: number;
  fatigueTolerance: number;
  /** 0 … 1 from the touch. */
  creepiness: number;
  promotional: boolean;
  /** Relevance of the content, 0 … 1 (see `relevanceOf` in touches.ts). */
  relevance: number;
  tenureDays: number;
  /** Infinity when the member never ordered. */
  daysSinceLastOrder: number;
  orders: number;
  /** Infinity when the cart is empty. */
  cartAgeDays: number;
  /** Days to or from the stated birthday; Infinity when not stated. */
  birthdayDistanceDays: number;
  hasNextStage: boolean;
  inGiftSeason: boolean;
  upset: boolean;
  dormant: boolean;
  /** A Lapsed VIP past the start of their decline. */
  lapsing: boolean;
  mood: number;
  ignoredStreak: number;
  /** The persona's base chance that a click leads to a purchase. */
  clickToPurchase: number;
}

export const RESPONSE_PARAMS = {
  timingSdHours: 3,
  quietHours: { from: 21, to: 8 },
  pressure: { windowWeeks30: 30 / 7, weight30: 0.5 },
  open: {
    channel: { email: 0.2, sms: 1.1, push: -0.8, in_app: 0.5 } as Record<Channel, number>,
    preferredChannel: 0.4, timing: 0.8, framing: 0.7, relevance: 0.6, pressure: 0.8, upsetPromotion: 0.8,
    dormant: 1.0, lapsing: 0.8, mood: 0.5, ignoredStreak: 0.04, ignoredStreakCap: 10,
  },
  click: { base: -2.1, relevance: 2.4, framing: 0.9, pressure: 0.5, upsetPromotion: 1.0 },
  purchase: { relevanceFloor: 0.4, relevance: 1.2, framing: 0.6, upsetPromotion: 0.3, dormant: 0.5, cap: 0.6 },
  unsubscribe: {
    base: -6.7, channel: { email: 0, sms: 0.8, push: 0.3, in_app: -0.5 } as Record<Channel, number>,
    pressure: 1.0, creepy: 3.0, misfit: 1.2, quietInterrupt: 1.0, upsetPromotion: 1.5, dormant: 0.3,
  },
  complaint: { base: -8.0, pressure: 0.9, creepy: 4.0, misfit: 0.5, quietInterrupt: 1.0, upsetPromotion: 2.0 },
  negativeReply: { base: -7.6, pressure: 0.8, creepy: 3.5, misfit: 0.5, upsetPromotion: 2.5 },
  emailBounce: 0.004,
} as const;

export interface ResponseDrivers {
  relevance: number;
  framingFit: number;
  /** 1 at the member's best hour, falling with distance. */
  timing: number;
  /** A send in the member's quiet hours (21:00–08:00 local). */
  quietHours: boolean;
  /** ln(1 + touches beyond tolerance): 0 within tolerance, growing ever more slowly beyond it. */
  pressure: number;
  /** creepiness × the member's sensitivity to it. */
  felt: number;
  upsetPromotion: boolean;
}

export interface ResponseProbabilities {
  open: number;
  /** Given an open. */
  clickGivenOpen: number;
  /** Given a click: a purchase within days. */
  purchaseGivenClick: number;
  unsubscribe: number;
  complaint: number;
  negativeReply: number;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));
const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/** Fit of a framing to the member now: the persona's column plus the situation. */
export function framingFit(framing: Framing, s: TouchSituation): number {
  const base = (FRAMING_FIT[s.persona] as readonly number[])[FRAMINGS.indexOf(framing)] as number;
  let situational = 0;
  switch (framing) {
    case 'welcome':
      situational = s.tenureDays < 30 ? 0.5 : s.tenureDays < 90 ? 0.2 : -0.5;
      break;
    case 'we_miss_you':
      if (s.daysSinceLastOrder >= 90 && (s.orders >= 2 || s.lapsing)) situational = 0.5;
      else if (s.dormant) situational = 0.3;
      else if (s.daysSinceLastOrder < 45) situational = -0.6;
      break;
    case 'member_price':
      situational = 0.8 * (s.priceSensitivity - 0.5);
      break;
    case 'no_promotion':
    case 'service_follow_up':
      situational = s.upset ? 0.8 : -0.3;
      break;
    case 'progression':
      situational = s.hasNextStage ? (s.daysSinceLastOrder <= 180 ? 0.4 : 0.1) : -0.3;
      break;
    case 'replenishment':
      situational = s.daysSinceLastOrder >= 60 && s.daysSinceLastOrder <= 240 ? 0.4 : s.daysSinceLastOrder < 30 ? -0.5 : s.orders === 0 ? -0.6 : 0;
      break;
    case 'check_in':
      situational = s.daysSinceLastOrder <= 21 ? 0.5 : -0.4;
      break;
    case 'cart_reminder':
      situational = s.cartAgeDays <= 7 ? 0.6 : -0.7;
      break;
    case 'birthday':
      situational = s.birthdayDistanceDays <= 7 ? 0.6 : -0.6;
      break;
    case 'gift_guide':
      situational = s.inGiftSeason ? 0.4 : -0.2;
      break;
    case 'new_arrivals':
    case 'newsletter':
      break;
  }
  return clamp(base + situational, -1, 1);
}

export function responseDrivers(framing: Framing, s: TouchSituation): ResponseDrivers {
  const p = RESPONSE_PARAMS;
  const distance = Math.abs(s.localHour - (s.bestHour + 0.5));
  const circular = Math.min(distance, 24 - distance);
  const tolerance30 = s.fatigueTolerance * p.pressure.windowWeeks30;
  return {
    relevance: clamp(s.relevance, 0, 1),
    framingFit: framingFit(framing, s),
    timing: Math.exp(-(circular * circular) / (2 * p.timingSdHours * p.timingSdHours)),
    quietHours: s.localHour >= p.quietHours.from || s.localHour < p.quietHours.to,
    pressure: Math.log1p(Math.max(0, s.touchesLast7Days / s.fatigueTolerance - 1) + p.pressure.weight30 * Math.max(0, s.touchesLast30Days / tolerance30 - 1)),
    felt: clamp(s.creepiness, 0, 1) * s.creepSensitivity,
    upsetPromotion: s.upset && s.promotional,
  };
}

/** The response probabilities of one delivered touch. */
export function responseProbabilities(framing: Framing, s: TouchSituation): ResponseProbabilities & { drivers: ResponseDrivers } {
  const d = responseDrivers(framing, s);
  const p = RESPONSE_PARAMS;
  const upset = d.upsetPromotion ? 1 : 0;
  const misfit = Math.max(0, -d.framingFit);
  // Quiet hours matter for channels that interrupt (a buzzing phone), not for an inbox.
  const interrupts = d.quietHours && (s.channel === 'sms' || s.channel === 'push') ? 1 : 0;

  const open = logistic(
    logit(clamp(s.engagement, 0.01, 0.99)) + p.open.channel[s.channel] + (s.isPreferredChannel ? p.open.preferredChannel : 0)
    + p.open.timing * (d.timing - 1) + p.open.framing * d.framingFit + p.open.relevance * (d.relevance - 0.5)
    - p.open.pressure * d.pressure - p.open.upsetPromotion * upset - (s.dormant ? p.open.dormant : 0)
    - (s.lapsing ? p.open.lapsing : 0) + p.open.mood * s.mood - p.open.ignoredStreak * Math.min(p.open.ignoredStreakCap, s.ignoredStreak),
  );
  const clickGivenOpen = logistic(
    p.click.base + p.click.relevance * (d.relevance - 0.5) + p.click.framing * d.framingFit
    - p.click.pressure * d.pressure - p.click.upsetPromotion * upset,
  );
  const purchaseGivenClick = s.clickToPurchase * (p.purchase.relevanceFloor + p.purchase.relevance * d.relevance)
    * Math.exp(p.purchase.framing * d.framingFit) * (d.upsetPromotion ? p.purchase.upsetPromotion : 1) * (s.dormant ? p.purchase.dormant : 1);
  return {
    open,
    clickGivenOpen,
    purchaseGivenClick: Math.min(p.purchase.cap, purchaseGivenClick),
    unsubscribe: logistic(
      p.unsubscribe.base + p.unsubscribe.channel[s.channel] + p.unsubscribe.pressure * d.pressure
      + p.unsubscribe.creepy * d.felt + p.unsubscribe.misfit * misfit + p.unsubscribe.quietInterrupt * interrupts
      + p.unsubscribe.upsetPromotion * upset + (s.dormant ? p.unsubscribe.dormant : 0),
    ),
    complaint: logistic(
      p.complaint.base + p.complaint.pressure * d.pressure + p.complaint.creepy * d.felt
      + p.complaint.misfit * misfit + p.complaint.quietInterrupt * interrupts + p.complaint.upsetPromotion * upset,
    ),
    negativeReply: logistic(
      p.negativeReply.base + p.negativeReply.pressure * d.pressure + p.negativeReply.creepy * d.felt
      + p.negativeReply.misfit * misfit + p.negativeReply.upsetPromotion * upset,
    ),
    drivers: d,
  };
}

export function isFraming(value: string): value is Framing {
  return (FRAMINGS as readonly string[]).includes(value);
}
