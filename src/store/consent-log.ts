// The consent audit log: every change of tier or channel subscription, with time and source.
import { randomUUID } from 'node:crypto';
import type { Consent } from '../consent/index.js';
import type { ConsentTier } from '../core/index.js';
import { chunked, parseJson } from './chunks.js';
import type { Executor } from './database.js';

export interface ConsentChange {
  profileId: string;
  at: number;
  /** `api`, `event:<messageId>`, `merge`, `unsubscribe-link`, … */
  source: string;
  before: Consent;
  after: Consent;
}

export async function insertConsentChanges(db: Executor, changes: readonly ConsentChange[]): Promise<void> {
  for (const chunk of chunked(changes, 200)) {
    await db
      .insertInto('consent_log')
      .values(chunk.map((c) => ({
        change_id: randomUUID(), profile_id: c.profileId, at: c.at, source: c.source,
        tier_before: c.before.tier, tier_after: c.after.tier,
        channels_before: JSON.stringify(c.before.channels), channels_after: JSON.stringify(c.after.channels),
      })))
      .execute();
  }
}

export async function consentHistory(db: Executor, profileId: string): Promise<ConsentChange[]> {
  const rows = await db.selectFrom('consent_log').selectAll().where('profile_id', '=', profileId).orderBy('at').orderBy('change_id').execute();
  return rows.map((r) => ({
    profileId: r.profile_id,
    at: Number(r.at),
    source: r.source,
    before: { tier: r.tier_before as ConsentTier, channels: parseJson(r.channels_before, {} as Consent['channels']) },
    after: { tier: r.tier_after as ConsentTier, channels: parseJson(r.channels_after, {} as Consent['channels']) },
  }));
}

/** The profiles, among these, whose consent was ever set (by the member, an admin, an event or a merge). */
export async function profilesWithConsentChoice(db: Executor, profileIds: readonly string[]): Promise<Set<string>> {
  const chosen = new Set<string>();
  for (const chunk of chunked([...new Set(profileIds)], 500)) {
    const rows = await db.selectFrom('consent_log').select('profile_id').distinct().where('profile_id', 'in', chunk).execute();
    for (const row of rows) chosen.add(row.profile_id);
  }
  return chosen;
}
