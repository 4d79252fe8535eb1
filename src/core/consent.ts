// Consent tiers, data classes and channels (DESIGN.md §5): the vocabulary of privacy.

export const DATA_CLASSES = ['identity', 'stated', 'purchase', 'engagement', 'browsing', 'service', 'inferred'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** Ordered from least to most permissive; the stricter of two tiers is the lower index. */
export const CONSENT_TIERS = ['basic', 'personalized', 'proactive'] as const;
export type ConsentTier = (typeof CONSENT_TIERS)[number];
export const DEFAULT_TIER: ConsentTier = 'basic';

export const CHANNELS = ['email', 'sms', 'push', 'in_app'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ChannelSubscriptions = Record<Channel, boolean>;

/**
 * What a tier may do with each data class.
 * - `full`: targeting, explanation and content.
 * - `contact`: identity used only to reach the member (address, name in a greeting, timezone).
 * - `caps`: engagement used only for frequency caps and suppression, never for targeting.
 * - `protect`: service data used only to protect (suppress promotions, route to a human).
 * - `none`: not read at all.
 */
export type ClassUse = 'full' | 'contact' | 'caps' | 'protect' | 'none';

export const TIER_POLICY: Readonly<Record<ConsentTier, Readonly<Record<DataClass, ClassUse>>>> = {
  basic: {
    identity: 'contact',
    stated: 'full',
    purchase: 'none',
    engagement: 'caps',
    browsing: 'none',
    service: 'protect',
    inferred: 'none',
  },
  personalized: {
    identity: 'full',
    stated: 'full',
    purchase: 'full',
    engagement: 'full',
    browsing: 'none',
    service: 'protect',
    inferred: 'none',
  },
  proactive: {
    identity: 'full',
    stated: 'full',
    purchase: 'full',
    engagement: 'full',
    browsing: 'full',
    service: 'full',
    inferred: 'full',
  },
};

/** Data classes a tier allows for targeting, explanation and content (use `full`). */
export function classesForPersonalization(tier: ConsentTier): DataClass[] {
  return DATA_CLASSES.filter((dataClass) => TIER_POLICY[tier][dataClass] === 'full');
}

export function allowsPersonalization(tier: ConsentTier, dataClass: DataClass): boolean {
  return TIER_POLICY[tier][dataClass] === 'full';
}

/** The stricter of two tiers: used when profiles merge (DESIGN.md §4). */
export function stricterTier(a: ConsentTier, b: ConsentTier): ConsentTier {
  return CONSENT_TIERS.indexOf(a) <= CONSENT_TIERS.indexOf(b) ? a : b;
}

/** Default channel subscriptions of a new member: email is opt-out; SMS and push need an opt-in. */
export const DEFAULT_SUBSCRIPTIONS: Readonly<ChannelSubscriptions> = {
  email: true,
  sms: false,
  push: false,
  in_app: true,
};

/** A channel stays subscribed after a merge only if both profiles were subscribed. */
export function stricterSubscriptions(a: ChannelSubscriptions, b: ChannelSubscriptions): ChannelSubscriptions {
  return { email: a.email && b.email, sms: a.sms && b.sms, push: a.push && b.push, in_app: a.in_app && b.in_app };
}
