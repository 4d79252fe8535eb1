// A member's consent: the tier they chose and their per-channel subscriptions. Changes come from
// the admin API and from events; every change is audited by the caller with its source.
import { z } from 'zod';
import {
  CHANNELS, CONSENT_TIERS, DEFAULT_SUBSCRIPTIONS, DEFAULT_TIER, EVENTS, stricterSubscriptions, stricterTier,
  type Channel, type ChannelSubscriptions, type ConsentTier,
} from '../core/index.js';
import type { SegmentMessage } from '../ingest/normalize.js';

export interface Consent {
  tier: ConsentTier;
  channels: ChannelSubscriptions;
}

export function defaultConsent(): Consent {
  return { tier: DEFAULT_TIER, channels: { ...DEFAULT_SUBSCRIPTIONS } };
}

/** When profiles merge the stricter consent wins, channel by channel (DESIGN.md §4). */
export function mergeConsent(a: Consent, b: Consent): Consent {
  return { tier: stricterTier(a.tier, b.tier), channels: stricterSubscriptions(a.channels, b.channels) };
}

export function sameConsent(a: Consent, b: Consent): boolean {
  return a.tier === b.tier && CHANNELS.every((channel) => a.channels[channel] === b.channels[channel]);
}

export const consentUpdateSchema = z
  .strictObject({
    tier: z.enum(CONSENT_TIERS).optional(),
    channels: z.strictObject(Object.fromEntries(CHANNELS.map((c) => [c, z.boolean().optional()])) as Record<Channel, z.ZodOptional<z.ZodBoolean>>).optional(),
  })
  .refine((update) => update.tier !== undefined || (update.channels !== undefined && Object.keys(update.channels).length > 0), {
    message: 'give a tier or at least one channel',
  });

export type ConsentUpdate = z.infer<typeof consentUpdateSchema>;

export function applyConsentUpdate(current: Consent, update: ConsentUpdate): Consent {
  const channels = { ...current.channels };
  for (const channel of CHANNELS) {
    const value = update.channels?.[channel];
    if (value !== undefined) channels[channel] = value;
  }
  return { tier: update.tier ?? current.tier, channels };
}

function channelOf(value: unknown): Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value) ? (value as Channel) : 'email';
}

/**
 * The consent update an event asks for, if any: `Unsubscribed` (from `properties.channel`,
 * email by default) and `Email Marked as Spam` unsubscribe; `Subscribed` subscribes;
 * `Consent Updated` carries `{tier?, channels?}` in its properties.
 */
export function consentUpdateFromMessage(message: SegmentMessage): ConsentUpdate | undefined {
  if (message.type !== 'track') return undefined;
  const p = message.properties;
  switch (message.event) {
    case EVENTS.unsubscribed:
      return { channels: { [channelOf(p.channel)]: false } };
    case EVENTS.emailMarkedAsSpam:
      return { channels: { email: false } };
    case EVENTS.subscribed:
      return { channels: { [channelOf(p.channel)]: true } };
    case EVENTS.consentUpdated: {
      const parsed = consentUpdateSchema.safeParse({ tier: p.tier, channels: p.channels });
      return parsed.success ? parsed.data : undefined;
    }
    default:
      return undefined;
  }
}
