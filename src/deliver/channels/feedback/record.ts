// Recording feedback through the real ingest path (validation, identity resolution, rollups,
// consent side effects such as a spam report unsubscribing), via the server's group-commit writer.
import { prepareBatch, type IngestWriter } from '../../../ingest/index.js';
import { findProfileId } from '../../../profiles/index.js';
import { identifiersOfProfiles, type Store } from '../../../store/index.js';
import type { FeedbackEvent, MemberRef } from './events.js';

/**
 * `recorded`: stored now; `duplicate`: the same feedback was stored before; `unknown_member`: no
 * profile matches (erased since, or a bounce for an address we never had) — nothing to learn.
 */
export type RecordOutcome = 'recorded' | 'duplicate' | 'unknown_member';

/**
 * Ingest resolves members by identifiers, not profile ids: the event is attributed through the
 * profile's userId, else one of its anonymousIds (every ingested profile has one or the other).
 */
async function identityOf(store: Store, member: MemberRef): Promise<{ userId: string } | { anonymousId: string } | undefined> {
  const profileId = 'profileId' in member ? await findProfileId(store.db, 'profileId', member.profileId) : await findProfileId(store.db, 'email', member.email);
  if (profileId === undefined) return undefined;
  const identifiers = await identifiersOfProfiles(store.db, [profileId]);
  const userId = identifiers.find((i) => i.type === 'userId');
  if (userId !== undefined) return { userId: userId.value };
  const anonymousId = identifiers.find((i) => i.type === 'anonymousId');
  return anonymousId === undefined ? undefined : { anonymousId: anonymousId.value };
}

export async function recordFeedback(store: Store, writer: IngestWriter, feedback: FeedbackEvent, now = Date.now()): Promise<RecordOutcome> {
  const identity = await identityOf(store, feedback.member);
  if (identity === undefined) return 'unknown_member';
  const prepared = prepareBatch({
    batch: [{
      type: 'track',
      event: feedback.event,
      messageId: feedback.messageId,
      ...identity,
      properties: feedback.properties,
      ...(feedback.timestamp !== undefined ? { timestamp: feedback.timestamp } : {}),
      context: { library: { name: 'attune-feedback' } },
    }],
  }, now);
  // The events are built here from typed values: a validation failure is a bug, not bad input.
  if (!prepared.ok) throw new Error(`feedback event failed validation: ${prepared.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const result = await writer.submit(prepared.items);
  return result.accepted > 0 ? 'recorded' : 'duplicate';
}
