// Building the benchmark database without the HTTP/ingest round trip (see bench/weekly.ts): the
// simulated history of a range of members, folded into the rows the ingest pipeline would have
// left behind — profiles (traits, consent, time zone and the stats rollup) and identifiers.
//
// The fold uses the real code of every step that decides a profile's content:
//   identity   IdentityGraph.resolve over extractIdentifiers (src/identity), merges included; a
//              merged profile's stats are rebuilt with replayStats from its events in time order,
//              the stricter consent wins (mergeConsent), traits and time zone as in the pipeline;
//   rollups    applyMessage (src/profiles/reduce.ts), per message, in each member's time order;
//   consent    consentUpdateFromMessage + applyConsentUpdate (src/consent);
//   rows       serializeStats, JSON traits and channels as src/store/profiles.ts writes them.
// What it skips: validation and normalisation (the simulator's messages are already in normal form:
// no sentAt or batch envelope, so normalizeMessage would only copy them), and the rows the weekly
// cycle never reads — raw events, the merge log and the consent log.
// Each message is applied as if it arrived alone (one ingest transaction per message).
import { applyConsentUpdate, consentUpdateFromMessage, defaultConsent, mergeConsent, type Consent } from '../../src/consent/index.js';
import type { SegmentMessage } from '../../src/ingest/normalize.js';
import { extractIdentifiers, IdentityGraph, type Identifier, type MergeCause } from '../../src/identity/index.js';
import { applyMessage, replayStats } from '../../src/profiles/reduce.js';
import { emptyStats, serializeStats, type ProfileStats } from '../../src/profiles/stats.js';
import { featuredProducts, LEGACY_NEWSLETTER, type SimMessage, type Touch, type World } from '../../src/sim/index.js';
import { newsletterSendAt } from '../../src/sim/history.js';
import { identifyAt } from '../../src/sim/enrolment.js';
import type { MemberWeek } from '../../src/sim/member-week.js';
import { CHANNEL_BIT } from '../../src/sim/members.js';
import { MemberLog } from '../../src/sim/messages.js';
import { emptyTotals } from '../../src/sim/outcomes.js';
import { runMemberWeek } from '../../src/sim/week.js';

/** A profiles row: profile_id, first_seen_at, updated_at, traits, consent_tier, channels, timezone, stats. */
export type ProfileRow = [string, number, number, string, string, string, string | null, string];
/** An identifiers row: id_type, id_value, profile_id, created_at. */
export type IdentifierRow = [string, string, string, number];

export interface FoldedChunk {
  firstMember: number;
  endMember: number;
  messages: number;
  profiles: ProfileRow[];
  identifiers: IdentifierRow[];
  merges: number;
}

const NO_TOUCHES: readonly Touch[] = Object.freeze([]);

/**
 * The history of members [first, end): streamHistory's loop (src/sim/history.ts) for one member
 * range — week by week, member by member, with the legacy newsletter. Members never influence
 * each other, so ranges can be simulated in separate threads; `checkAgainstStreamHistory` proves
 * the messages are identical.
 */
export function simulateRange(world: World, first: number, end: number, weeks: number, featured: readonly string[][]): SimMessage[] {
  const messages: SimMessage[] = [];
  const totals = emptyTotals();
  const log = new MemberLog();
  for (let week = 0; week < weeks; week++) {
    const sendAt = newsletterSendAt(world, week);
    const products = featured[week] as string[];
    const touchesFor = (mw: MemberWeek): readonly Touch[] => {
      const { state } = mw.world;
      const eligible = state.identified[mw.i] === 1 && ((state.subscriptions[mw.i] as number) & CHANNEL_BIT.email) !== 0 && identifyAt(mw) <= sendAt;
      if (!eligible) return NO_TOUCHES;
      return [{
        memberIndex: mw.i, channel: 'email', sendAt, actionId: LEGACY_NEWSLETTER.actionId, framing: 'newsletter',
        productIds: products, creepiness: 0, promotional: true, decisionId: `legacy-w${week}-m${mw.i}`,
      }];
    };
    for (let i = first; i < end; i++) runMemberWeek(world, i, week, touchesFor, messages, totals, log);
  }
  return messages;
}

export function featuredOf(world: World, weeks: number): string[][] {
  return Array.from({ length: weeks }, (_, week) => featuredProducts(world, week));
}

interface Working {
  profileId: string;
  firstSeenAt: number;
  updatedAt: number;
  traits: Record<string, unknown>;
  consent: Consent;
  timezone: string | null;
  stats: ProfileStats;
  /** Positions (in the chunk) of the messages stored against this profile, for a replay after a merge. */
  events: number[];
}

const knownZones = new Map<string, boolean>();
/** As the pipeline: a time zone is kept only when Intl knows it. */
function validTimezone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > 64) return undefined;
  let valid = knownZones.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      valid = true;
    } catch {
      valid = false;
    }
    knownZones.set(value, valid);
  }
  return valid ? value : undefined;
}

/** The pipeline's lookupIdentifiers for the simulator's message types (no alias, no group). */
function identifiersOf(message: SimMessage): Identifier[] {
  const traits = message.type === 'identify' ? message.traits : undefined;
  return extractIdentifiers({ userId: message.userId, anonymousId: message.anonymousId, traits, context: message.context as Record<string, unknown> });
}

/** Folds a chunk's messages (each member's in time order) into profile and identifier rows. */
export function foldMessages(raw: readonly SimMessage[], newProfileId: () => string): Omit<FoldedChunk, 'firstMember' | 'endMember'> {
  const graph = new IdentityGraph();
  const profiles = new Map<string, Working>();
  const attachedAt = new Map<string, number>();
  // Messages without traits whose identifiers are all known resolve to the same profile with no
  // operations until a merge changes the graph: remember them by sender (cleared on every merge).
  const memo = new Map<string, string>();
  let merges = 0;
  const times = new Float64Array(raw.length);
  const messageAt = (k: number) => raw[k] as unknown as SegmentMessage;

  for (let k = 0; k < raw.length; k++) {
    const sim = raw[k] as SimMessage;
    const t = Date.parse(sim.timestamp);
    times[k] = t;
    const device = sim.context.device?.id;
    const memoKey = sim.type === 'identify' ? undefined : `${sim.userId ?? ''}|${sim.anonymousId ?? ''}|${device ?? ''}`;
    let profileId = memoKey === undefined ? undefined : memo.get(memoKey);
    if (profileId === undefined) {
      const resolution = graph.resolve(identifiersOf(sim), sim.type as MergeCause, newProfileId);
      profileId = resolution.profileId;
      let merged = false;
      for (const op of resolution.operations) {
        if (op.kind === 'create') {
          profiles.set(op.profileId, {
            profileId: op.profileId, firstSeenAt: t, updatedAt: t, traits: {}, consent: defaultConsent(), timezone: null, stats: emptyStats(), events: [],
          });
        } else if (op.kind === 'attach') {
          attachedAt.set(`${op.identifier.type}\u0000${op.identifier.value}`, t);
        } else if (op.kind === 'merge') {
          mergeInto(profiles, op.into, op.from, times, messageAt);
          merges++;
          merged = true;
        }
      }
      if (merged) memo.clear();
      if (memoKey !== undefined) memo.set(memoKey, profileId);
    }
    const record = profiles.get(profileId) as Working;
    const message = messageAt(k);
    applyMessage(record.stats, message, t);
    record.events.push(k);
    record.firstSeenAt = Math.min(record.firstSeenAt, t);
    record.updatedAt = t;
    if (sim.type === 'identify') record.traits = { ...record.traits, ...sim.traits };
    const timezone = validTimezone(sim.context.timezone) ?? (sim.type === 'identify' ? validTimezone(sim.traits.timezone) : undefined);
    if (timezone !== undefined) record.timezone = timezone;
    if (sim.type === 'track') {
      const update = consentUpdateFromMessage(message);
      if (update !== undefined) record.consent = applyConsentUpdate(record.consent, update);
    }
  }

  const profileRows: ProfileRow[] = [];
  const identifierRows: IdentifierRow[] = [];
  for (const p of profiles.values()) {
    profileRows.push([p.profileId, p.firstSeenAt, p.updatedAt, JSON.stringify(p.traits), p.consent.tier, JSON.stringify(p.consent.channels), p.timezone, serializeStats(p.stats)]);
    for (const identifier of graph.identifiersOf(p.profileId)) {
      identifierRows.push([identifier.type, identifier.value, p.profileId, attachedAt.get(`${identifier.type}\u0000${identifier.value}`) ?? p.firstSeenAt]);
    }
  }
  return { messages: raw.length, profiles: profileRows, identifiers: identifierRows, merges };
}

/** The pipeline's merge: stricter consent, traits and zone kept, stats replayed from both profiles' events. */
function mergeInto(profiles: Map<string, Working>, into: string, from: string, times: Float64Array, messageAt: (k: number) => SegmentMessage): void {
  const survivor = profiles.get(into) as Working;
  const part = profiles.get(from) as Working;
  profiles.delete(from);
  const events = [...survivor.events, ...part.events].sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  survivor.consent = mergeConsent(survivor.consent, part.consent);
  survivor.firstSeenAt = Math.min(survivor.firstSeenAt, part.firstSeenAt);
  survivor.traits = { ...part.traits, ...survivor.traits };
  survivor.timezone = survivor.timezone ?? part.timezone;
  survivor.stats = replayStats(events.map((k) => ({ message: messageAt(k), timestamp: times[k] as number })));
  survivor.events = events;
}

/** Proves simulateRange reproduces streamHistory: same message ids, member range by member range. */
export async function checkAgainstStreamHistory(makeWorld: () => World, weeks: number, chunk: number): Promise<void> {
  const { streamHistory } = await import('../../src/sim/index.js');
  const reference = makeWorld();
  const mine = makeWorld();
  const featured = featuredOf(mine, weeks);
  for (const part of streamHistory(reference, { weeks, chunkSize: chunk })) {
    const ours = simulateRange(mine, part.firstMember, part.endMember, weeks, featured);
    const same = ours.length === part.messages.length && ours.every((m, k) => m.messageId === part.messages[k]?.messageId && m.timestamp === part.messages[k]?.timestamp);
    if (!same) throw new Error(`simulateRange differs from streamHistory for members ${part.firstMember}–${part.endMember}`);
  }
}
