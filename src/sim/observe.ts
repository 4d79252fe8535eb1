// What a policy may know about a member: only facts Attune could have learnt from the member's
// events (consent, subscriptions, cart, orders, a stated birthday), never the latent traits. The
// `blast` and `rules` baselines decide from this view.
import { CHANNELS, CONSENT_TIERS, type ChannelSubscriptions, type ConsentTier } from '../core/consent.js';
import { DAY_MS } from './clock.js';
import { userIdOf } from './identity.js';
import { birthdayOf, CHANNEL_BIT, MEMBER_FLAGS } from './members.js';
import { cartOf } from './state.js';
import type { World } from './world.js';
import { ZONES } from './zones.js';

export interface ObservedCart {
  productIds: string[];
  /** Last time an item was added (epoch ms). */
  updatedAt: number;
  /** When checkout was started and not completed, if it was. */
  checkoutStartedAt: number | null;
}

export interface ObservedMember {
  memberIndex: number;
  userId: string;
  /** False until the member has joined (their identify has been sent). */
  enrolled: boolean;
  timezone: string;
  consentTier: ConsentTier;
  subscriptions: ChannelSubscriptions;
  /** An abandoned cart, or null when the cart is empty. */
  cart: ObservedCart | null;
  orders: number;
  lastOrderAt: number | null;
  /** Whole days from the last order to `at`; null without an order. */
  daysSinceLastOrder: number | null;
  /** YYYY-MM-DD, only when the member stated it. */
  birthday: string | null;
  lastComplaintAt: number | null;
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

export function observeMember(world: World, i: number, at: number): ObservedMember {
  const { members, state, catalog } = world;
  if (!Number.isInteger(i) || i < 0 || i >= members.count) throw new RangeError(`no member ${i}`);
  const subscriptions = state.subscriptions[i] as number;
  const items = cartOf(state, i);
  const lastOrderAt = orNull(state.lastOrderAt[i] as number);
  return {
    memberIndex: i,
    userId: userIdOf(i),
    enrolled: state.identified[i] === 1,
    timezone: (ZONES[members.zone[i] as number] as { id: string }).id,
    consentTier: CONSENT_TIERS[members.tier[i] as number] as ConsentTier,
    subscriptions: Object.fromEntries(CHANNELS.map((c) => [c, (subscriptions & CHANNEL_BIT[c]) !== 0])) as ChannelSubscriptions,
    cart: items.length === 0 ? null : {
      productIds: items.map((p) => catalog.products[p]?.id as string),
      updatedAt: state.cartUpdatedAt[i] as number,
      checkoutStartedAt: orNull(state.checkoutStartedAt[i] as number),
    },
    orders: state.orders[i] as number,
    lastOrderAt,
    daysSinceLastOrder: lastOrderAt === null ? null : Math.floor((at - lastOrderAt) / DAY_MS),
    birthday: ((members.flags[i] as number) & MEMBER_FLAGS.birthdayStated) !== 0 ? birthdayOf(members, i) : null,
    lastComplaintAt: orNull(state.lastComplaintAt[i] as number),
  };
}
