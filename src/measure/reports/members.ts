// Member-level reports walk the membership one page at a time (keyset pagination on profile
// id), fetch each page's facts by id range, and keep only running sums: memory stays flat
// whether there are a thousand members or millions.
import { isInHoldout } from '../../decide/index.js';
import { memberPage, type Executor, type MemberRange, type MemberRow } from '../../store/index.js';

export const DEFAULT_PAGE_SIZE = 10_000;

export interface MemberPage {
  members: MemberRow[];
  range: MemberRange;
}

/** Pages of the members first seen before `seenBefore`, in profile-id order. */
export async function* memberPages(db: Executor, seenBefore: number, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<MemberPage> {
  let after: string | undefined;
  for (;;) {
    const members = await memberPage(db, after, pageSize, seenBefore);
    const last = members[members.length - 1];
    if (last === undefined) return;
    yield { members, range: { after, last: last.profileId } };
    after = last.profileId;
  }
}

export type Arm = 'treated' | 'holdout';

export interface HoldoutRule {
  share: number;
  salt: string;
}

/**
 * The arm a member belongs to by the global holdout's hash rule (src/decide/holdout.ts): it
 * depends only on the profile id and the configured salt and share, never on what happened to
 * the member, so comparing arms compares like with like (intention to treat).
 */
export function armOf(profileId: string, rule: HoldoutRule): Arm {
  return isInHoldout(profileId, rule) ? 'holdout' : 'treated';
}

/** Rows grouped by member. */
export function byMember<T extends { profileId: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.profileId);
    if (list === undefined) grouped.set(row.profileId, [row]);
    else list.push(row);
  }
  return grouped;
}
