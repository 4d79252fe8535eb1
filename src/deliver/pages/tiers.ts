// What each consent tier means, in words a member can check, generated from TIER_POLICY so the
// page can never promise something the engine does not do (DESIGN.md §5).
import { DATA_CLASSES, TIER_POLICY, type Channel, type ClassUse, type ConsentTier, type DataClass } from '../../core/index.js';

export const TIER_LABELS: Readonly<Record<ConsentTier, string>> = {
  basic: 'Basic',
  personalized: 'Personalized',
  proactive: 'Proactive',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  email: 'Email',
  sms: 'Text messages (SMS)',
  push: 'Push notifications',
  in_app: 'Messages in our app',
};

/** The channel's messages, for use inside a sentence. */
export const CHANNEL_NOUNS: Readonly<Record<Channel, string>> = {
  email: 'emails',
  sms: 'text messages',
  push: 'push notifications',
  in_app: 'messages in our app',
};

export const DATA_CLASS_WORDS: Readonly<Record<DataClass, string>> = {
  identity: 'your name, contact details and time zone',
  stated: 'what you told us you like',
  purchase: 'your orders, returns and points',
  engagement: 'which of our messages you opened or clicked',
  browsing: 'the pages and products you viewed, your searches and your cart',
  service: 'your conversations with our support team',
  inferred: 'our predictions about what you might need',
};

/** One line per use, in this order; `{}` stands for the data, listed with semicolons (the items contain "and"). */
const USE_LINES: ReadonlyArray<readonly [ClassUse, string]> = [
  ['full', 'Used to choose and personalize what we send you: {}.'],
  ['contact', 'Used only to reach you: {}.'],
  ['caps', 'Used only to avoid writing to you too often: {}.'],
  ['protect', 'Used only to protect you, for example to pause promotions after a complaint: {}.'],
  ['none', 'Never used: {}.'],
];

/** Plain lines saying what the tier uses each class of data for. */
export function describeTier(tier: ConsentTier): string[] {
  const policy = TIER_POLICY[tier];
  return USE_LINES.flatMap(([use, line]) => {
    const classes = DATA_CLASSES.filter((dataClass) => policy[dataClass] === use);
    return classes.length === 0 ? [] : [line.replace('{}', classes.map((c) => DATA_CLASS_WORDS[c]).join('; '))];
  });
}
