// Finding a member by any of their identifiers, and the admin view of a profile.
import { normalizeIdentifier, type Identifier, type IdentifierType } from '../identity/index.js';
import { findIdentifiers, getProfile, identifiersOfProfiles, survivorOf, type Executor, type ProfileRecord } from '../store/index.js';
import type { Consent } from '../consent/index.js';
import type { ProfileStats } from './stats.js';

export const LOOKUP_ID_TYPES = ['userId', 'anonymousId', 'email', 'phone', 'loyaltyId', 'deviceId', 'profileId'] as const;
export type LookupIdType = (typeof LOOKUP_ID_TYPES)[number];

/** The current profile id for an identifier, following merges for old profile ids. */
export async function findProfileId(db: Executor, idType: LookupIdType, id: string): Promise<string | undefined> {
  if (idType === 'profileId') {
    if (await getProfile(db, id)) return id;
    return survivorOf(db, id);
  }
  const identifier = normalizeIdentifier(idType as IdentifierType, id);
  if (identifier === undefined) return undefined;
  const [found] = await findIdentifiers(db, [identifier]);
  return found?.profileId;
}

export interface ProfileView {
  profileId: string;
  identifiers: Identifier[];
  traits: Record<string, unknown>;
  consent: Consent;
  timezone: string | null;
  firstSeenAt: string;
  updatedAt: string;
  stats: ProfileStats;
}

export async function profileView(db: Executor, record: ProfileRecord): Promise<ProfileView> {
  const identifiers = await identifiersOfProfiles(db, [record.profileId]);
  return {
    profileId: record.profileId,
    identifiers: identifiers.map(({ type, value }) => ({ type, value })),
    traits: record.traits,
    consent: record.consent,
    timezone: record.timezone,
    firstSeenAt: new Date(record.firstSeenAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    stats: record.stats,
  };
}
