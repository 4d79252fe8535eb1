// What goes into a simulated week (touches: deliveries decided by a policy) and what comes out
// besides messages: the ground truth of each touch and the week's totals. Labelled simulated
// wherever shown.
import { CHANNELS, type Channel } from '../core/consent.js';
import type { Framing, ResponseDrivers, ResponseProbabilities } from './response-model.js';

/** One delivery a policy asks the world to make. */
export interface Touch {
  memberIndex: number;
  channel: Channel;
  /** When it is sent (epoch ms); must fall inside the simulated week. */
  sendAt: number;
  actionId: string;
  framing: Framing;
  /** Catalog product ids the message features. */
  productIds?: readonly string[];
  /** 0 … 1: how creepy the copy reads, e.g. from the linter's creepy-line violations. */
  creepiness: number;
  promotional: boolean;
  decisionId: string;
}

export type TouchStatus = 'delivered' | 'bounced' | 'not_subscribed' | 'not_enrolled';

export interface TouchOutcome {
  decisionId: string;
  memberIndex: number;
  channel: Channel;
  status: TouchStatus;
  opened: boolean;
  clicked: boolean;
  unsubscribed: boolean;
  /** Spam report (email) or Complaint Filed (other channels). */
  complained: boolean;
  negativeReply: boolean;
  /** The purchase the touch led to; it is placed at `at`, possibly in a later week's messages. */
  purchase: { orderId: string; at: number; revenue: number } | null;
  /** The true response probabilities and their drivers; null when the touch was not delivered. */
  probabilities: (ResponseProbabilities & { drivers: ResponseDrivers }) | null;
}

export interface TouchTotals {
  sent: number;
  delivered: number;
  bounced: number;
  /** Not sent: the member is unsubscribed from the channel or not enrolled yet. */
  suppressed: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  negativeReplies: number;
  /** Orders placed this week that a touch led to (whenever the touch was). */
  attributedOrders: number;
  attributedRevenue: number;
}

export interface WeekTotals {
  messages: number;
  /** Members with at least one message this week. */
  activeMembers: number;
  enrolments: number;
  sessions: number;
  productViews: number;
  cartAdds: number;
  checkouts: number;
  orders: number;
  revenue: number;
  cancellations: number;
  refunds: number;
  refundedAmount: number;
  supportMessages: number;
  complaints: number;
  surveys: number;
  /** Unsubscribes of every cause, per channel. */
  unsubscribes: Record<Channel, number>;
  spamReports: number;
  touches: TouchTotals;
}

export function emptyTotals(): WeekTotals {
  return {
    messages: 0, activeMembers: 0, enrolments: 0, sessions: 0, productViews: 0, cartAdds: 0, checkouts: 0, orders: 0,
    revenue: 0, cancellations: 0, refunds: 0, refundedAmount: 0, supportMessages: 0, complaints: 0, surveys: 0,
    unsubscribes: { email: 0, sms: 0, push: 0, in_app: 0 }, spamReports: 0,
    touches: {
      sent: 0, delivered: 0, bounced: 0, suppressed: 0, opened: 0, clicked: 0, unsubscribed: 0, complained: 0,
      negativeReplies: 0, attributedOrders: 0, attributedRevenue: 0,
    },
  };
}

/** Adds `more` into `into` (in place) and returns `into`. */
export function addTotals(into: WeekTotals, more: WeekTotals): WeekTotals {
  for (const key of Object.keys(more) as Array<keyof WeekTotals>) {
    const value = more[key];
    if (typeof value === 'number') (into[key] as number) += value;
  }
  for (const channel of CHANNELS) into.unsubscribes[channel] += more.unsubscribes[channel];
  for (const key of Object.keys(more.touches) as Array<keyof TouchTotals>) into.touches[key] += more.touches[key];
  return into;
}
