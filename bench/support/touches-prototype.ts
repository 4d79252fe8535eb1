// A prototype of a fix, measured by `bench/support/decide-batch.ts --prototype-touches`; src/ is
// unchanged. src/decide/service.ts loadMemberContexts reads each page's recent messages with
// src/store/outbox.ts touchesOfProfiles:
//   select * from outbox where profile_id in (…900) and state in (4 states) and send_at >= ? and send_at < ?
// Without planner statistics SQLite answers it with the index outbox_due (state, next_attempt_at):
// it walks every queued or review message for every chunk of 900 members, so a batch that fills
// the outbox as it goes is quadratic. This copy of loadMemberContexts asks by profile and time
// only (the outbox_profile index), filters the states in JavaScript and reads only the columns a
// cap needs (not the composed message JSON). Everything else is the same calls.
import { CHANNELS, type Channel } from '../../src/core/index.js';
import { buildMemberView, type DecideDeps, type MemberContext, type MemberScores, type Touch } from '../../src/decide/index.js';
import { CONTACT_STATES, loadProfiles, profilesWithRecentTasks, type Executor, type OutboxState } from '../../src/store/index.js';

const DAY_MS = 86_400_000;
const CHUNK = 900;

export async function loadMemberContextsIndexed(db: Executor, deps: DecideDeps, profileIds: readonly string[], now: number, lock = false): Promise<Map<string, MemberContext>> {
  const profiles = await loadProfiles(db, profileIds, lock);
  const ids = [...profiles.keys()];
  const scores = deps.loadScores ? await deps.loadScores(db, ids) : new Map<string, MemberScores>();
  const touchesByProfile = new Map<string, Touch[]>();
  for (let k = 0; k < ids.length; k += CHUNK) {
    const rows = await db
      .selectFrom('outbox')
      .select(['decision_id', 'profile_id', 'action', 'channel', 'state', 'promotional', 'send_at', 'sent_at'])
      .where('profile_id', 'in', ids.slice(k, k + CHUNK))
      .where('send_at', '>=', now - 30 * DAY_MS)
      .where('send_at', '<', now + 30 * DAY_MS)
      .execute();
    for (const r of rows) {
      if (!CONTACT_STATES.includes(r.state as OutboxState) || !(CHANNELS as readonly string[]).includes(r.channel)) continue;
      const list = touchesByProfile.get(r.profile_id) ?? [];
      list.push({
        decisionId: r.decision_id, action: r.action, channel: r.channel as Channel, sendAt: Number(r.send_at),
        sentAt: r.sent_at === null ? null : Number(r.sent_at), promotional: Number(r.promotional) === 1,
      });
      touchesByProfile.set(r.profile_id, list);
    }
  }
  const handedOver = await profilesWithRecentTasks(db, ids, now - deps.config.handover.repeatAfterDays * DAY_MS);
  const contexts = new Map<string, MemberContext>();
  for (const [id, profile] of profiles) {
    contexts.set(id, { profile, view: buildMemberView(profile, scores.get(id), now), touches: touchesByProfile.get(id) ?? [], recentHandover: handedOver.has(id) });
  }
  return contexts;
}
