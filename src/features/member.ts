// What the understanding stage knows about a member: the stored profile, as plain data. A store
// `ProfileRecord` is one (structurally); tests and benchmarks build them in memory.
import type { ChannelSubscriptions, ConsentTier } from '../core/index.js';
import type { ProfileStats } from '../profiles/stats.js';

export interface MemberSnapshot {
  readonly profileId: string;
  /** Time of the member's earliest known event: the enrolment date (identity class). */
  readonly firstSeenAt: number;
  /** IANA time zone, or null when never told. */
  readonly timezone: string | null;
  readonly traits: Readonly<Record<string, unknown>>;
  readonly consent: { readonly tier: ConsentTier; readonly channels: ChannelSubscriptions };
  readonly stats: ProfileStats;
}
