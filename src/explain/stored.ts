// Explaining a stored decision to the member it was made for (the /why/{token} page). The
// profile check follows merges: the token names the surviving profile, the decision may name
// the profile it was made for before a merge.
import { findProfileId } from '../profiles/index.js';
import { getDecision, getProfile, type Store } from '../store/index.js';
import { explainDecision } from './explain.js';

export async function explainStoredDecision(store: Store, decisionId: string, profileId: string): Promise<string | undefined> {
  const decision = await getDecision(store.db, decisionId);
  if (decision === undefined) return undefined;
  if ((await findProfileId(store.db, 'profileId', decision.profileId)) !== profileId) return undefined;
  const profile = await getProfile(store.db, profileId);
  return profile === undefined ? undefined : explainDecision(decision, profile.consent.tier).text;
}
