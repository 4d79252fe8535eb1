// The decision engine over the store: load what a decision needs for a set of members, decide,
// and record. Real-time calls decide one member inside a transaction that locks the profile, so
// concurrent calls for the same member see each other's queued messages (caps hold).
import { createRng, hashString, type Channel, type Decision, type DecisionMode } from '../core/index.js';
import {
  inTransaction, loadArms, loadProfiles, lockProfiles, profilesWithRecentTasks, supportsRowLocks, touchesOfProfiles,
  type ArmCounts, type Executor, type ProfileRecord, type Store,
} from '../store/index.js';
import type { AttuneConfig } from './config.js';
import { decideForMember } from './engine.js';
import type { Touch } from './guardrails.js';
import { buildMemberView, type MemberScores, type MemberView } from './member-view.js';
import { recordDecisions, type Composer } from './record.js';

const DAY_MS = 86_400_000;

export type ScoresLoader = (db: Executor, profileIds: readonly string[]) => Promise<Map<string, MemberScores>>;

export interface DecideDeps {
  store: Store;
  config: AttuneConfig;
  loadScores?: ScoresLoader;
  compose?: Composer;
}

export interface MemberContext {
  profile: ProfileRecord;
  view: MemberView;
  touches: Touch[];
  recentHandover: boolean;
}

/** The contact that counts against the caps, per member, and who was handed over recently. */
async function loadContacts(db: Executor, deps: Pick<DecideDeps, 'config'>, ids: readonly string[], now: number) {
  const outbox = await touchesOfProfiles(db, ids, now - 30 * DAY_MS, now + 30 * DAY_MS);
  const handedOver = await profilesWithRecentTasks(db, ids, now - deps.config.handover.repeatAfterDays * DAY_MS);
  const touchesByProfile = new Map<string, Touch[]>();
  for (const entry of outbox) {
    const list = touchesByProfile.get(entry.profileId) ?? [];
    list.push({ decisionId: entry.decisionId, action: entry.action, channel: entry.channel, sendAt: entry.sendAt, sentAt: entry.sentAt, promotional: entry.promotional });
    touchesByProfile.set(entry.profileId, list);
  }
  return { touchesOf: (id: string) => touchesByProfile.get(id) ?? [], handedOver };
}

/** Everything the engine needs for these members, read in a handful of queries. */
export async function loadMemberContexts(db: Executor, deps: DecideDeps, profileIds: readonly string[], now: number, lock = false): Promise<Map<string, MemberContext>> {
  const profiles = await loadProfiles(db, profileIds, lock);
  const ids = [...profiles.keys()];
  const scores = deps.loadScores ? await deps.loadScores(db, ids) : new Map<string, MemberScores>();
  const { touchesOf, handedOver } = await loadContacts(db, deps, ids, now);
  const contexts = new Map<string, MemberContext>();
  for (const [id, profile] of profiles) {
    contexts.set(id, { profile, view: buildMemberView(profile, scores.get(id), now), touches: touchesOf(id), recentHandover: handedOver.has(id) });
  }
  return contexts;
}

/**
 * What a decision depended on besides the member's profile: the messages that count against
 * the caps and a recent hand-over. Two reads with the same fingerprint would decide alike.
 */
export function contactFingerprint(context: Pick<MemberContext, 'touches' | 'recentHandover'>): string {
  return `${context.touches.map((t) => `${t.decisionId}:${t.sendAt}`).sort().join(',')}|${context.recentHandover}`;
}

/** The contact fingerprint of each of these members that still exists (locking their rows where the database can). */
export async function contactFingerprints(db: Executor, deps: Pick<DecideDeps, 'config'>, profileIds: readonly string[], now: number, lock: boolean): Promise<Map<string, string>> {
  const ids = [...(await lockProfiles(db, profileIds, lock))];
  const { touchesOf, handedOver } = await loadContacts(db, deps, ids, now);
  return new Map(ids.map((id) => [id, contactFingerprint({ touches: touchesOf(id), recentHandover: handedOver.has(id) })]));
}

export function armLookup(arms: ReadonlyMap<string, ArmCounts>) {
  return (key: string) => arms.get(key);
}

/** A seed per member and moment: decisions are reproducible, and independent across members. */
export function decisionSeed(profileId: string, now: number, salt = ''): number {
  return hashString(`${profileId}\u0000${now}\u0000${salt}`);
}

export interface DecideOptions {
  mode: DecisionMode;
  now?: number;
  only?: readonly string[];
  channels?: readonly Channel[];
}

/** Decides for one member now and records the decision, its message or task. */
export async function decideAndRecord(deps: DecideDeps, profileId: string, options: DecideOptions): Promise<{ decision: Decision; view: MemberView } | undefined> {
  const now = options.now ?? Date.now();
  return inTransaction(deps.store, async (trx) => {
    const context = (await loadMemberContexts(trx, deps, [profileId], now, supportsRowLocks(deps.store))).get(profileId);
    if (context === undefined) return undefined;
    const arms = await loadArms(trx);
    const decision = decideForMember({
      config: deps.config, view: context.view, touches: context.touches, arms: armLookup(arms), now,
      rng: createRng(decisionSeed(profileId, now, options.mode)), mode: options.mode, recentHandover: context.recentHandover,
      ...(options.only !== undefined ? { only: options.only } : {}),
      ...(options.channels !== undefined ? { channels: options.channels } : {}),
    });
    await recordDecisions(trx, deps.config, [{ decision, profile: context.profile, view: context.view }], deps.compose, now);
    return { decision, view: context.view };
  });
}
