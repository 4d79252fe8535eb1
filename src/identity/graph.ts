// The identity graph: identifiers → profile, with merges (a union–find whose paths are always
// fully compressed, because a merge relabels every identifier of the absorbed profile).
// This in-memory graph holds the slice of the stored graph that a batch of events touches;
// `resolve` decides, the caller persists the operations it returns.
import { IDENTIFIER_CAPS, identifierKey, priorityOf, type Identifier, type IdentifierType } from './identifiers.js';

export type MergeCause = 'identify' | 'alias' | 'track' | 'page' | 'screen' | 'group';

export type IdentityOperation =
  | { kind: 'create'; profileId: string }
  | { kind: 'attach'; profileId: string; identifier: Identifier }
  | { kind: 'merge'; into: string; from: string; cause: MergeCause; identifierType: IdentifierType }
  | { kind: 'skip'; identifier: Identifier; reason: 'cap' | 'conflicting-userId' };

export interface Resolution {
  profileId: string;
  operations: IdentityOperation[];
}

export class IdentityGraph {
  readonly #profileByKey = new Map<string, string>();
  readonly #identifiersByProfile = new Map<string, Identifier[]>();

  /** Adds stored facts: these identifiers belong to this profile. */
  load(profileId: string, identifiers: Identifier[]): void {
    const list = this.#list(profileId);
    for (const identifier of identifiers) {
      const key = identifierKey(identifier);
      if (this.#profileByKey.get(key) === profileId) continue;
      this.#profileByKey.set(key, profileId);
      list.push(identifier);
    }
  }

  profileOf(identifier: Identifier): string | undefined {
    return this.#profileByKey.get(identifierKey(identifier));
  }

  identifiersOf(profileId: string): readonly Identifier[] {
    return this.#identifiersByProfile.get(profileId) ?? [];
  }

  /**
   * Finds or creates the profile for a message's identifiers (in priority order), merging the
   * profiles they point to unless that would join two different userIds.
   */
  resolve(identifiers: readonly Identifier[], cause: MergeCause, newProfileId: () => string): Resolution {
    const operations: IdentityOperation[] = [];
    const userId = identifiers.find((identifier) => identifier.type === 'userId')?.value;
    // A message with a userId may only land on a profile with that userId or none yet.
    const matched = uniqueProfiles(identifiers.map((identifier) => this.profileOf(identifier))).filter((candidate) => {
      const held = this.#userIdOf(candidate);
      return userId === undefined || held === undefined || held === userId;
    });

    let profileId: string;
    if (matched.length === 0) {
      profileId = newProfileId();
      this.#identifiersByProfile.set(profileId, []);
      operations.push({ kind: 'create', profileId });
    } else {
      profileId = this.#survivor(identifiers, matched);
      for (const other of matched) {
        if (other === profileId) continue;
        if (!this.#canMerge(profileId, other)) continue;
        const via = identifiers.find((identifier) => this.profileOf(identifier) === other);
        this.#merge(profileId, other);
        operations.push({ kind: 'merge', into: profileId, from: other, cause, identifierType: via?.type ?? 'anonymousId' });
      }
    }

    for (const identifier of identifiers) {
      if (this.profileOf(identifier) !== undefined) continue;
      const reason = this.#attachRefusal(profileId, identifier);
      if (reason !== undefined) {
        operations.push({ kind: 'skip', identifier, reason });
        continue;
      }
      this.load(profileId, [identifier]);
      operations.push({ kind: 'attach', profileId, identifier });
    }
    return { profileId, operations };
  }

  // The profile that holds the message's highest-priority identifier survives.
  #survivor(identifiers: readonly Identifier[], matched: string[]): string {
    let best: { profileId: string; priority: number } | undefined;
    for (const identifier of identifiers) {
      const profileId = this.profileOf(identifier);
      if (profileId === undefined || !matched.includes(profileId)) continue;
      const priority = priorityOf(identifier.type);
      if (best === undefined || priority < best.priority) best = { profileId, priority };
    }
    return best?.profileId ?? (matched[0] as string);
  }

  #userIdOf(profileId: string): string | undefined {
    return this.identifiersOf(profileId).find((identifier) => identifier.type === 'userId')?.value;
  }

  #canMerge(into: string, from: string): boolean {
    const userIds = new Set(
      [...this.identifiersOf(into), ...this.identifiersOf(from)].filter((i) => i.type === 'userId').map((i) => i.value),
    );
    return userIds.size <= 1;
  }

  #merge(into: string, from: string): void {
    const moved = this.#identifiersByProfile.get(from) ?? [];
    this.#identifiersByProfile.delete(from);
    const list = this.#list(into);
    for (const identifier of moved) {
      this.#profileByKey.set(identifierKey(identifier), into);
      list.push(identifier);
    }
  }

  #attachRefusal(profileId: string, identifier: Identifier): 'cap' | 'conflicting-userId' | undefined {
    const held = this.identifiersOf(profileId).filter((i) => i.type === identifier.type).length;
    if (identifier.type === 'userId' && held > 0) return 'conflicting-userId';
    if (held >= IDENTIFIER_CAPS[identifier.type]) return 'cap';
    return undefined;
  }

  #list(profileId: string): Identifier[] {
    let list = this.#identifiersByProfile.get(profileId);
    if (list === undefined) {
      list = [];
      this.#identifiersByProfile.set(profileId, list);
    }
    return list;
  }
}

function uniqueProfiles(ids: Array<string | undefined>): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
