// What the world says: Segment messages (identify, track, page) exactly as a brand's site, app
// and email provider would send them to Attune's /v1/batch. Every message gets a deterministic
// messageId, so re-sending a simulated week is idempotent.
import type { KnownEventName } from '../core/events.js';
import { isoOf } from './clock.js';

export interface SimContext {
  timezone: string;
  device?: { id: string; type: 'ios' };
  /** UTM parameters of a visit that came from a message. */
  campaign?: { source: 'athena'; medium: string; name: string; content: string };
}

interface SimMessageBase {
  messageId: string;
  /** ISO-8601, UTC. */
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  /** Shared between messages where equal, and frozen: treat messages as read-only. */
  context: Readonly<SimContext>;
}

export interface SimIdentify extends SimMessageBase {
  type: 'identify';
  traits: Record<string, unknown>;
}

export interface SimTrack extends SimMessageBase {
  type: 'track';
  event: KnownEventName;
  /** May be shared between messages (a product's properties) and frozen. */
  properties: Readonly<Record<string, unknown>>;
}

export interface SimPage extends SimMessageBase {
  type: 'page';
  name: string;
  properties: Readonly<Record<string, unknown>>;
}

export type SimMessage = SimIdentify | SimTrack | SimPage;

/** Who a message is from: a logged-in member, an anonymous browser, or the app on a device. */
export interface Sender {
  userId?: string;
  anonymousId?: string;
  deviceId?: string;
  campaign?: SimContext['campaign'];
}

const plainContexts = new Map<string, Readonly<SimContext>>();
/** `-0`, `-1`, …: shared suffixes of message ids. */
const idSuffixes: string[] = [];

/**
 * Collects one member's messages for one week. Ids are `sim-<seed>-w<week>-m<member>-<n>` in
 * emission order; `drain` hands the messages back in time order (ties keep emission order). One
 * log serves member after member (`begin`): most member-weeks say nothing, and 2.3M members ×
 * 52 weeks of fresh logs would mostly be garbage.
 */
export class MemberLog {
  private readonly times: number[] = [];
  private readonly messages: SimMessage[] = [];
  private seed = 0;
  private week = 0;
  private member = 0;
  private prefix: string | undefined;
  private timezone = 'UTC';
  private plainContext: Readonly<SimContext> = contextOf('UTC');

  begin(seed: number, week: number, member: number, timezone: string): void {
    this.times.length = 0;
    this.messages.length = 0;
    this.seed = seed;
    this.week = week;
    this.member = member;
    this.prefix = undefined;
    this.timezone = timezone;
    this.plainContext = contextOf(timezone);
  }

  identify(at: number, sender: Sender, traits: Record<string, unknown>): void {
    const message: SimIdentify = { type: 'identify', messageId: this.nextId(), timestamp: isoOf(at), context: this.contextOf(sender), traits };
    this.push(at, withSender(message, sender));
  }

  track(at: number, sender: Sender, event: KnownEventName, properties: Readonly<Record<string, unknown>>): void {
    const message: SimTrack = { type: 'track', messageId: this.nextId(), timestamp: isoOf(at), context: this.contextOf(sender), event, properties };
    this.push(at, withSender(message, sender));
  }

  page(at: number, sender: Sender, name: string, properties: Readonly<Record<string, unknown>>): void {
    const message: SimPage = { type: 'page', messageId: this.nextId(), timestamp: isoOf(at), context: this.contextOf(sender), name, properties };
    this.push(at, withSender(message, sender));
  }

  get size(): number {
    return this.messages.length;
  }

  /** Appends the collected messages to `out` in time order and empties the log. */
  drain(out: SimMessage[]): void {
    const { times, messages } = this;
    let sorted = true;
    for (let k = 1; k < times.length && sorted; k++) sorted = (times[k - 1] as number) <= (times[k] as number);
    if (sorted) {
      for (const message of messages) out.push(message);
    } else {
      const order = messages.map((_, k) => k).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
      for (const k of order) out.push(messages[k] as SimMessage);
    }
    times.length = 0;
    messages.length = 0;
  }

  private nextId(): string {
    this.prefix ??= messageIdPrefix(this.seed, this.week, this.member);
    const n = this.messages.length;
    return this.prefix + (idSuffixes[n] ??= `-${n}`);
  }

  private contextOf(sender: Sender): Readonly<SimContext> {
    if (sender.deviceId === undefined && sender.campaign === undefined) return this.plainContext;
    const context: SimContext = { timezone: this.timezone };
    if (sender.deviceId !== undefined) context.device = { id: sender.deviceId, type: 'ios' };
    if (sender.campaign !== undefined) context.campaign = sender.campaign;
    return context;
  }

  private push(at: number, message: SimMessage): void {
    this.times.push(at);
    this.messages.push(message);
  }
}

/** The context of a message with nothing but the time zone: one frozen object per zone. */
function contextOf(timezone: string): Readonly<SimContext> {
  let context = plainContexts.get(timezone);
  if (context === undefined) {
    context = Object.freeze({ timezone });
    plainContexts.set(timezone, context);
  }
  return context;
}

function withSender<T extends SimMessage>(message: T, sender: Sender): T {
  if (sender.userId !== undefined) message.userId = sender.userId;
  if (sender.anonymousId !== undefined) message.anonymousId = sender.anonymousId;
  return message;
}

/** The id prefix of a member's week: unique per world seed, week and member. */
export function messageIdPrefix(seed: number, week: number, member: number): string {
  return `sim-${seed.toString(36)}-w${week}-m${member}`;
}
