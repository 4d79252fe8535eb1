// Ingesting a batch of messages in one transaction: duplicates dropped by messageId, identities
// resolved (and merged), consent changes applied and audited, stats rolled up, events appended.
// When the transaction commits, the profile is already fresh (DESIGN.md §3).
import { randomUUID } from 'node:crypto';
import { applyConsentUpdate, consentUpdateFromMessage, defaultConsent, mergeConsent, sameConsent } from '../consent/index.js';
import { extractIdentifiers, IdentityGraph, type Identifier, type MergeCause } from '../identity/index.js';
import { applyMessage, replayStats } from '../profiles/reduce.js';
import { emptyStats } from '../profiles/stats.js';
import {
  eventsOfProfiles, existingMessageIds, findIdentifiers, identifiersOfProfiles, inTransaction, insertConsentChanges,
  insertEvents, insertIdentifiers, insertMerges, loadProfiles, moveProfileRows, profilesWithConsentChoice, saveProfiles, supportsRowLocks,
  type ConsentChange, type EventRow, type Executor, type MergeRecord, type ProfileRecord, type StoredIdentifier, type Store,
} from '../store/index.js';
import type { IngestedMessage, SegmentMessage } from './normalize.js';

export interface IngestResult {
  /** Messages stored now. */
  accepted: number;
  /** Messages already stored before (or repeated within the batch): acknowledged, not counted again. */
  duplicates: number;
  /** Profile id of each input message, in input order (duplicates resolve to nothing). */
  profileIds: Array<string | undefined>;
}

/** The identifiers to look up for a message; an alias's previousId may be a userId or an anonymousId. */
function lookupIdentifiers(message: SegmentMessage): Identifier[] {
  if (message.type === 'alias') {
    const identifiers = extractIdentifiers({ userId: message.userId });
    if (message.previousId !== undefined) {
      identifiers.push({ type: 'anonymousId', value: message.previousId }, { type: 'userId', value: message.previousId });
    }
    return identifiers;
  }
  // Group traits describe the account, not the member.
  const traits = message.type === 'identify' ? message.traits : undefined;
  return extractIdentifiers({ userId: message.userId, anonymousId: message.anonymousId, traits, context: message.context });
}

function resolutionIdentifiers(message: SegmentMessage, identifiers: Identifier[], graph: IdentityGraph): Identifier[] {
  if (message.type !== 'alias') return identifiers;
  const asUser = identifiers.find((i) => i.type === 'userId' && i.value === message.previousId && message.previousId !== message.userId);
  const asAnonymous = identifiers.find((i) => i.type === 'anonymousId' && i.value === message.previousId);
  // previousId is whichever kind of id we already know; unknown previous ids are anonymous ids.
  const keep = asUser !== undefined && graph.profileOf(asUser) !== undefined && (asAnonymous === undefined || graph.profileOf(asAnonymous) === undefined) ? asUser : asAnonymous;
  return identifiers.filter((i) => i.value !== message.previousId || i === keep);
}

// Checking a zone name means building an Intl formatter, which is slow: remember the verdict.
const knownZones = new Map<string, boolean>();

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
    if (knownZones.size > 10_000) knownZones.clear();
    knownZones.set(value, valid);
  }
  return valid ? value : undefined;
}

/** Finds the current survivor of a profile through the merges made in this batch. */
function finalProfile(mergedInto: Map<string, string>, profileId: string): string {
  let current = profileId;
  for (let next = mergedInto.get(current); next !== undefined; next = mergedInto.get(current)) current = next;
  return current;
}

export async function ingestMessages(store: Store, items: readonly IngestedMessage[], now = Date.now()): Promise<IngestResult> {
  if (items.length === 0) return { accepted: 0, duplicates: 0, profileIds: [] };
  return inTransaction(store, (trx) => ingestInTransaction(trx, supportsRowLocks(store), items, now));
}

async function ingestInTransaction(trx: Executor, lockRows: boolean, items: readonly IngestedMessage[], now: number): Promise<IngestResult> {
  // 1. Idempotency: a messageId is stored once, whether repeated in this batch or sent before.
  const stored = await existingMessageIds(trx, items.map((item) => item.message.messageId));
  const seen = new Set<string>();
  const fresh: Array<{ item: IngestedMessage; index: number }> = [];
  items.forEach((item, index) => {
    const id = item.message.messageId;
    if (stored.has(id) || seen.has(id)) return;
    seen.add(id);
    fresh.push({ item, index });
  });
  const profileIds: Array<string | undefined> = items.map(() => undefined);
  if (fresh.length === 0) return { accepted: 0, duplicates: items.length, profileIds };

  // 2. The slice of the identity graph these messages touch.
  const graph = new IdentityGraph();
  const lookups = fresh.map(({ item }) => lookupIdentifiers(item.message));
  const found = await findIdentifiers(trx, lookups.flat());
  const known = await identifiersOfProfiles(trx, found.map((f) => f.profileId));
  for (const [profileId, identifiers] of groupBy(known, (i) => i.profileId)) graph.load(profileId, identifiers);

  // 3. Resolve each message in order: later messages see the ids earlier ones attached.
  const created = new Set<string>();
  const mergedInto = new Map<string, string>();
  const attached: StoredIdentifier[] = [];
  const merges: MergeRecord[] = [];
  const resolved = fresh.map(({ item }, position) => {
    const identifiers = resolutionIdentifiers(item.message, lookups[position] as Identifier[], graph);
    const resolution = graph.resolve(identifiers, item.message.type as MergeCause, () => randomUUID());
    for (const op of resolution.operations) {
      if (op.kind === 'create') created.add(op.profileId);
      else if (op.kind === 'attach') attached.push({ ...op.identifier, profileId: op.profileId });
      else if (op.kind === 'merge') {
        mergedInto.set(op.from, op.into);
        merges.push({ mergeId: randomUUID(), at: now, into: op.into, from: op.from, cause: op.cause, messageId: item.message.messageId, identifierType: op.identifierType });
      }
    }
    return resolution.profileId;
  });

  // 4. Load (and lock) every profile involved; group the absorbed ones under their survivor.
  const involved = new Set<string>([...resolved, ...mergedInto.keys(), ...mergedInto.values()]);
  const records = await loadProfiles(trx, [...involved].filter((id) => !created.has(id)), lockRows);
  const absorbed = new Map<string, string[]>();
  for (const from of mergedInto.keys()) {
    const into = finalProfile(mergedInto, from);
    absorbed.set(into, [...(absorbed.get(into) ?? []), from]);
  }

  // 5. Starting state of each surviving profile; a merged profile's stats are rebuilt from its events.
  const consentChanges: ConsentChange[] = [];
  const current = new Map<string, ProfileRecord>();
  const startOf = (profileId: string): ProfileRecord => {
    const existing = current.get(profileId);
    if (existing !== undefined) return existing;
    const record = records.get(profileId) ?? newProfile(profileId, now);
    current.set(profileId, record);
    return record;
  };
  // Only consent someone chose takes part in a merge: an anonymous visitor's default (basic, no
  // SMS or push) was never a choice and must not overrule the member's own.
  const chosen = absorbed.size === 0 ? new Set<string>() : await profilesWithConsentChoice(trx, [...absorbed].flatMap(([into, froms]) => [into, ...froms]));
  for (const [into, froms] of absorbed) {
    const survivor = startOf(into);
    const parts = froms.map((id) => records.get(id)).filter((r): r is ProfileRecord => r !== undefined);
    const choices = [survivor, ...parts].filter((p) => chosen.has(p.profileId)).map((p) => p.consent);
    const consent = choices.length === 0 ? survivor.consent : choices.reduce((c, next) => mergeConsent(c, next));
    if (!sameConsent(consent, survivor.consent) && records.has(into)) {
      consentChanges.push({ profileId: into, at: now, source: `merge:${froms.join(',')}`, before: survivor.consent, after: consent });
    }
    const history = await eventsOfProfiles(trx, [into, ...froms]);
    current.set(into, {
      ...survivor,
      firstSeenAt: Math.min(survivor.firstSeenAt, ...parts.map((p) => p.firstSeenAt)),
      traits: Object.assign({}, ...parts.map((p) => p.traits), survivor.traits),
      timezone: survivor.timezone ?? parts.find((p) => p.timezone !== null)?.timezone ?? null,
      consent,
      stats: replayStats(history),
    });
  }

  // 6. Apply the messages in order.
  const events: EventRow[] = [];
  fresh.forEach(({ item, index }, position) => {
    const profileId = finalProfile(mergedInto, resolved[position] as string);
    profileIds[index] = profileId;
    const { message, timestampMs } = item;
    // Records in `current` are this transaction's working copies: updated in place.
    const record = startOf(profileId);
    applyMessage(record.stats, message, timestampMs);
    record.firstSeenAt = Math.min(record.firstSeenAt, timestampMs);
    record.updatedAt = now;
    if (message.type === 'identify') record.traits = { ...record.traits, ...message.traits };
    const timezone = validTimezone(message.context.timezone) ?? (message.type === 'identify' ? validTimezone(message.traits.timezone) : undefined);
    if (timezone !== undefined) record.timezone = timezone;
    const update = consentUpdateFromMessage(message);
    if (update !== undefined) {
      const next = applyConsentUpdate(record.consent, update);
      if (!sameConsent(next, record.consent)) {
        consentChanges.push({ profileId, at: now, source: `event:${message.messageId}`, before: record.consent, after: next });
        record.consent = next;
      }
    }
    events.push({
      messageId: message.messageId, profileId, type: message.type, event: message.event ?? null, dataClass: item.dataClass,
      timestamp: timestampMs, receivedAt: item.receivedAtMs, message,
    });
  });

  // 7. Write: profiles, identity graph, merge log, consent log, events.
  await saveProfiles(trx, [...current.values()]);
  for (const [into, froms] of absorbed) await moveProfileRows(trx, froms.filter((id) => !created.has(id)), into);
  await insertIdentifiers(trx, attached.map((a) => ({ ...a, profileId: finalProfile(mergedInto, a.profileId) })), now);
  await insertMerges(trx, merges);
  // Merge-caused consent changes are logged against the survivor after its rows moved.
  await insertConsentChanges(trx, consentChanges.map((c) => ({ ...c, profileId: finalProfile(mergedInto, c.profileId) })));
  await insertEvents(trx, events);
  return { accepted: fresh.length, duplicates: items.length - fresh.length, profileIds };
}

function newProfile(profileId: string, now: number): ProfileRecord {
  return { profileId, firstSeenAt: now, updatedAt: now, traits: {}, consent: defaultConsent(), timezone: null, stats: emptyStats() };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
