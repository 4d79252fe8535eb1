// The global holdout: a stable share of members who get no AI-chosen action, so that what Attune
// changes can be measured against them (DESIGN.md §8). Membership is a hash of the profile id:
// it does not change between runs, processes or machines.
import { uniformHash } from '../core/random.js';

/** A number in [0, 1) that depends only on the salt and the profile id. */
export function holdoutDraw(profileId: string, salt: string): number {
  return uniformHash(`${salt}\u0000${profileId}`) / 4294967296;
}

export function isInHoldout(profileId: string, holdout: { share: number; salt: string }): boolean {
  return holdoutDraw(profileId, holdout.salt) < holdout.share;
}
