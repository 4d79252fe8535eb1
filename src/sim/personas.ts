// The seven personas of issue 3 as parameters of the simulated world. Every number here is
// documented in docs/simulation.md. A persona is the member's true type: latent (Attune never
// sees it), showing only through behaviour, and named like the segment Attune estimates for it.

/** The latent persona of a simulated member is one of the seven segments the models try to recover. */
import { SEGMENT_NAMES, type SegmentName } from '../core/segments.js';
export const PERSONA_IDS = SEGMENT_NAMES;
export type PersonaId = SegmentName;

/** Beta(a, b) parameters of a trait drawn per member. */
export type BetaParams = readonly [a: number, b: number];

export interface PersonaSpec {
  id: PersonaId;
  description: string;
  share: number;
  /** Mean store visits per week while active; spread across members is Gamma(visitShape). */
  visitsPerWeek: number;
  visitShape: number;
  /** Per session with a product view: adds to cart; a cart goes to checkout; a checkout completes. */
  addToCart: number;
  checkout: number;
  complete: number;
  /** Mean complements added on the way to checkout (Poisson), up to the cart's size. */
  extraItems: number;
  priceSensitivity: BetaParams;
  /** Baseline chance of opening an email: the member's engagement. */
  engagement: BetaParams;
  /** Mean touches per week tolerated before pressure hurts; Gamma(4) across members. */
  fatigueTolerance: number;
  creepSensitivity: BetaParams;
  /** Weekly probability of going dormant (median member; log-normal spread). */
  churnHazard: number;
  /** Share already dormant when the history begins. */
  dormantAtStart: number;
  /** Share with the Athena app (push and in-app messages need it). */
  appShare: number;
  /** Probability that a click leads to a purchase within days (before relevance and framing). */
  clickToPurchase: number;
}

export const PERSONAS: readonly PersonaSpec[] = [
  {
    id: 'Enthusiasts', description: 'High engagement, high spend: visits often, buys the new model.',
    share: 0.12, visitsPerWeek: 1.1, visitShape: 2, addToCart: 0.16, checkout: 0.5, complete: 0.75, extraItems: 0.9,
    priceSensitivity: [2, 5], engagement: [8, 11], fatigueTolerance: 4, creepSensitivity: [2, 4],
    churnHazard: 0.0015, dormantAtStart: 0.05, appShare: 0.7, clickToPurchase: 0.16,
  },
  {
    id: 'Routine Buyers', description: 'Consistent, modest: replaces what wears out, on a rhythm.',
    share: 0.22, visitsPerWeek: 0.35, visitShape: 3, addToCart: 0.24, checkout: 0.55, complete: 0.8, extraItems: 0.3,
    priceSensitivity: [3, 4], engagement: [5, 14], fatigueTolerance: 2.5, creepSensitivity: [3, 3],
    churnHazard: 0.002, dormantAtStart: 0.15, appShare: 0.45, clickToPurchase: 0.12,
  },
  {
    id: 'Bargain Hunters', description: 'Activated by discounts: waits for member prices, fills the cart then.',
    share: 0.18, visitsPerWeek: 0.45, visitShape: 2, addToCart: 0.14, checkout: 0.35, complete: 0.7, extraItems: 0.6,
    priceSensitivity: [6, 2], engagement: [5, 16], fatigueTolerance: 3, creepSensitivity: [2, 3],
    churnHazard: 0.003, dormantAtStart: 0.25, appShare: 0.5, clickToPurchase: 0.09,
  },
  {
    id: 'Lapsed VIPs', description: 'Formerly high value, declining: bought like an enthusiast, then drifted away.',
    share: 0.07, visitsPerWeek: 1.0, visitShape: 2, addToCart: 0.16, checkout: 0.5, complete: 0.75, extraItems: 0.8,
    priceSensitivity: [2, 4], engagement: [6, 14], fatigueTolerance: 2, creepSensitivity: [3, 2],
    churnHazard: 0.002, dormantAtStart: 0, appShare: 0.5, clickToPurchase: 0.12,
  },
  {
    id: 'New Members', description: 'Enrolled less than 90 days ago: curious, still forming habits.',
    share: 0.1, visitsPerWeek: 0.5, visitShape: 2, addToCart: 0.15, checkout: 0.45, complete: 0.75, extraItems: 0.3,
    priceSensitivity: [3, 3], engagement: [8, 12], fatigueTolerance: 3, creepSensitivity: [3, 3],
    churnHazard: 0.006, dormantAtStart: 0, appShare: 0.4, clickToPurchase: 0.1,
  },
  {
    id: 'Gift Givers', description: 'Seasonal spikes: shows up before the holidays and family occasions.',
    share: 0.11, visitsPerWeek: 0.12, visitShape: 2, addToCart: 0.25, checkout: 0.55, complete: 0.8, extraItems: 1.2,
    priceSensitivity: [3, 3], engagement: [4, 16], fatigueTolerance: 2, creepSensitivity: [3, 3],
    churnHazard: 0.002, dormantAtStart: 0.1, appShare: 0.3, clickToPurchase: 0.1,
  },
  {
    id: 'Browsers', description: 'Much browsing, little buying: reads, compares, rarely checks out.',
    share: 0.2, visitsPerWeek: 0.9, visitShape: 1.5, addToCart: 0.04, checkout: 0.2, complete: 0.6, extraItems: 0.2,
    priceSensitivity: [4, 3], engagement: [4, 14], fatigueTolerance: 2.5, creepSensitivity: [4, 3],
    churnHazard: 0.003, dormantAtStart: 0.3, appShare: 0.55, clickToPurchase: 0.03,
  },
];

export const PERSONA_SHARES: readonly number[] = PERSONAS.map((spec) => spec.share);

export function personaSpec(persona: number): PersonaSpec {
  const spec = PERSONAS[persona];
  if (spec === undefined) throw new RangeError(`no persona ${persona}`);
  return spec;
}

/** Occasions when people buy for others; a member's gift seasons are a bit mask over this list. */
export interface GiftSeason {
  id: 'holiday' | 'valentines' | 'mothers_day' | 'fathers_day' | 'back_to_school';
  /** Inclusive [month (1–12), day] bounds. */
  from: readonly [number, number];
  to: readonly [number, number];
}

export const GIFT_SEASONS: readonly GiftSeason[] = [
  { id: 'holiday', from: [11, 15], to: [12, 24] },
  { id: 'valentines', from: [2, 1], to: [2, 14] },
  { id: 'mothers_day', from: [4, 25], to: [5, 12] },
  { id: 'fathers_day', from: [6, 1], to: [6, 18] },
  { id: 'back_to_school', from: [8, 1], to: [8, 31] },
];

/** Chance that a gift giver / anyone else shops for each season in GIFT_SEASONS. */
export const GIFT_SEASON_ODDS = {
  giftGiver: [0.95, 0.35, 0.35, 0.35, 0.35],
  other: [0.5, 0, 0, 0, 0],
} as const;

/** Visit multiplier in a gift season the member shops for. */
export const GIFT_SEASON_LIFT = { giftGiver: 4, other: 1.4 } as const;
