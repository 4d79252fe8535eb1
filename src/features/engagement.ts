// When and where a member engages: the send-time and channel models' inputs.
import type { Channel } from '../core/index.js';
import { HOURS_PER_WEEK, toLocalHours, utcOffsetMinutes, type ChannelCounts } from '../models/sendtime/index.js';
import type { MemberView } from './view.js';

export interface LocalHours {
  /** Clicks and orders by local hour of the week (0 = Monday 00:00 in `timezone`). */
  counts: Float64Array;
  /** The member's time zone; UTC when they never told us. */
  timezone: string;
}

/** Clicks (engagement) and orders (purchase) by hour of the week, each only if the view has its class. */
export function localHours(view: MemberView, now: number): LocalHours {
  const timezone = view.timezone ?? 'UTC';
  const offset = view.timezone === null ? 0 : utcOffsetMinutes(view.timezone, now);
  const counts = new Float64Array(HOURS_PER_WEEK);
  if (view.stats.engagementHours !== undefined) toLocalHours(view.stats.engagementHours, offset, counts);
  if (view.stats.orderHours !== undefined) toLocalHours(view.stats.orderHours, offset, counts);
  return { counts, timezone };
}

/** Deliveries, opens and clicks per channel; null when engagement is hidden from the view. */
export function channelCounts(view: MemberView): Partial<Record<Channel, ChannelCounts>> | null {
  return view.stats.channelEngagement ?? null;
}
