// The consent guarantee of DESIGN.md §5, for the understanding stage: for a member in a tier,
// changing data of a class the tier does not allow changes none of their scores — neither when
// scoring with fixed models, nor when the models are refitted on the changed data.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsentTier, DataClass } from '../../src/core/index.js';
import type { MemberSnapshot } from '../../src/features/index.js';
import { STATS_DATA_CLASS, type ProfileStats } from '../../src/profiles/stats.js';
import { createScorer } from '../../src/understand/score.js';
import { fitModels } from '../../src/understand/fit.js';
import { CATALOG, NOW, snapshotOf, syntheticMembers } from '../understand/synthetic.js';

const HIDDEN: Record<'basic' | 'personalized', DataClass[]> = {
  basic: ['purchase', 'browsing', 'inferred'],
  personalized: ['browsing', 'inferred'],
};

/** The member with every stats field of `classes` taken from `donor`, plus an undeclared (inferred) trait. */
function perturbed(member: MemberSnapshot, donor: MemberSnapshot, classes: readonly DataClass[], trait: number): MemberSnapshot {
  const stats = { ...member.stats } as Record<string, unknown>;
  for (const key of Object.keys(STATS_DATA_CLASS) as Array<keyof ProfileStats>) {
    if (classes.includes(STATS_DATA_CLASS[key])) stats[key] = structuredClone(donor.stats[key]);
  }
  const traits = classes.includes('inferred') ? { ...member.traits, predictedIncome: trait } : member.traits;
  return { ...member, traits, stats: stats as unknown as ProfileStats };
}

const withTier = (member: MemberSnapshot, tier: ConsentTier): MemberSnapshot => ({ ...member, consent: { ...member.consent, tier } });

describe('counterfactual consent guarantee', () => {
  let pool: MemberSnapshot[];
  let score: ReturnType<typeof createScorer>;
  beforeAll(() => {
    pool = syntheticMembers({ count: 320, seed: 'counterfactual' }).map((m) => snapshotOf(m));
    score = createScorer(fitModels(pool, { now: NOW, seed: 7, catalog: CATALOG }).models, CATALOG, NOW);
  });

  it('scores of basic and personalized members ignore every class their tier withholds', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 319 }), fc.nat({ max: 319 }), fc.constantFrom<'basic' | 'personalized'>('basic', 'personalized'), fc.double({ noNaN: true }),
        (i, j, tier, trait) => {
          const member = withTier(pool[i] as MemberSnapshot, tier);
          const changed = perturbed(member, pool[j] as MemberSnapshot, HIDDEN[tier], trait);
          expect(score(changed)).toEqual(score(member));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the same perturbation does change scores where the tier allows the data (the test can fail)', () => {
    let changed = 0;
    for (let i = 0; i < 60; i++) {
      const member = withTier(pool[i] as MemberSnapshot, 'proactive');
      const other = perturbed(member, pool[(i + 1) % pool.length] as MemberSnapshot, HIDDEN.basic, 1);
      if (JSON.stringify(score(other)) !== JSON.stringify(score(member))) changed++;
    }
    expect(changed).toBeGreaterThan(50);
  });

  it('refitting every model on data whose withheld classes changed leaves every member’s scores identical', () => {
    const shuffled = pool.map((member, i) => {
      const tier = member.consent.tier;
      return tier === 'proactive' ? member : perturbed(member, pool[(i * 7 + 3) % pool.length] as MemberSnapshot, HIDDEN[tier], i);
    });
    expect(shuffled.filter((m, i) => m !== pool[i]).length).toBeGreaterThan(100);
    const again = createScorer(fitModels(shuffled, { now: NOW, seed: 7, catalog: CATALOG }).models, CATALOG, NOW);
    pool.forEach((member, i) => expect(again(shuffled[i] as MemberSnapshot)).toEqual(score(member)));
  });
});
