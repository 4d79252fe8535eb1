// Guardrails: hard limits no policy can cross (DESIGN.md §6). Each refusal carries a reason code
// and a plain sentence, recorded on the decision.
import type { Channel } from '../core/index.js';
import type { ActionConfig, AttuneConfig } from './config.js';
import type { MemberView } from './member-view.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A message already planned or sent to the member (from the outbox). */
export interface Touch {
  decisionId: string;
  action: string;
  channel: Channel;
  sendAt: number;
  sentAt: number | null;
  promotional: boolean;
}

export type GuardrailCode =
  | 'consent.unsubscribed'
  | 'suppressed.complaint'
  | 'suppressed.negative_support'
  | 'suppressed.order_problem'
  | 'cap.daily'
  | 'cap.weekly'
  | 'cap.channel'
  | 'cap.action'
  | 'cooldown.action'
  | 'cooldown.ignored';

export interface Refusal {
  code: GuardrailCode;
  text: string;
}

function within(touch: Touch, sendAt: number, windowMs: number): boolean {
  return Math.abs(touch.sendAt - sendAt) < windowMs;
}

/**
 * Consecutive marketing touches, newest first, that got no open or click within
 * `ignoredAfterHours` — only touches old enough to judge count.
 */
export function ignoredInARow(touches: readonly Touch[], lastEngagedAt: number | null, now: number, ignoredAfterHours: number): number {
  const judged = touches
    .filter((t) => t.promotional && t.sentAt !== null && now - t.sentAt >= ignoredAfterHours * HOUR_MS)
    .sort((a, b) => (b.sentAt as number) - (a.sentAt as number));
  let count = 0;
  for (const touch of judged) {
    if (lastEngagedAt !== null && lastEngagedAt >= (touch.sentAt as number)) break;
    count++;
  }
  return count;
}

/** Why this action may not go to this member on this channel at `sendAt`, or undefined when it may. */
export function guardrailRefusal(
  config: AttuneConfig,
  action: ActionConfig,
  channel: Channel,
  view: MemberView,
  touches: readonly Touch[],
  sendAt: number,
  now: number,
): Refusal | undefined {
  const g = config.guardrails;
  if (!view.channels[channel]) return { code: 'consent.unsubscribed', text: `The member is not subscribed to ${channel}.` };

  if (action.promotional) {
    const p = view.protection;
    if (p.daysSinceComplaint !== null && p.daysSinceComplaint < g.suppressionDays) {
      return { code: 'suppressed.complaint', text: `No promotions for ${g.suppressionDays} days after a complaint.` };
    }
    if (p.daysSinceNegativeSupport !== null && p.daysSinceNegativeSupport < g.suppressionDays) {
      return { code: 'suppressed.negative_support', text: `No promotions for ${g.suppressionDays} days after an upset support conversation.` };
    }
    // Order problems are purchase data: they protect only members whose tier lets us read it.
    const problem = view.purchase === undefined ? null : p.daysSinceOrderProblem;
    if (problem !== null && problem < g.suppressionDays) {
      return { code: 'suppressed.order_problem', text: `No promotions for ${g.suppressionDays} days after a cancelled or refunded order.` };
    }

    const marketing = touches.filter((t) => t.promotional);
    if (marketing.filter((t) => within(t, sendAt, DAY_MS)).length >= g.maxTouchesPerDay) {
      return { code: 'cap.daily', text: `At most ${g.maxTouchesPerDay} marketing message(s) a day across all channels.` };
    }
    if (marketing.filter((t) => within(t, sendAt, 7 * DAY_MS)).length >= g.maxTouchesPer7Days) {
      return { code: 'cap.weekly', text: `At most ${g.maxTouchesPer7Days} marketing messages in any 7 days across all channels.` };
    }
    const ignored = ignoredInARow(touches, view.caps.lastEngagedAt, now, g.ignoredAfterHours);
    const lastSent = Math.max(0, ...marketing.map((t) => t.sentAt ?? 0));
    if (ignored >= g.ignoredInARow && now - lastSent < g.cooldownDays * DAY_MS) {
      return { code: 'cooldown.ignored', text: `The last ${ignored} messages went unanswered: pausing for ${g.cooldownDays} days.` };
    }
  }

  const channelCap = g.channelTouchesPer7Days[channel];
  if (channelCap !== undefined && touches.filter((t) => t.channel === channel && within(t, sendAt, 7 * DAY_MS)).length >= channelCap) {
    return { code: 'cap.channel', text: `At most ${channelCap} ${channel} message(s) in any 7 days.` };
  }
  const own = touches.filter((t) => t.action === action.id);
  if (action.caps.per7Days !== undefined && own.filter((t) => within(t, sendAt, 7 * DAY_MS)).length >= action.caps.per7Days) {
    return { code: 'cap.action', text: `"${action.name}" at most ${action.caps.per7Days} time(s) in 7 days.` };
  }
  const cooldown = action.caps.cooldownDays;
  if (cooldown !== undefined && own.some((t) => sendAt - t.sendAt < cooldown * DAY_MS)) {
    return { code: 'cooldown.action', text: `"${action.name}" at most once every ${cooldown} days.` };
  }
  return undefined;
}
