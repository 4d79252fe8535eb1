// A member as one model may see them: only the stats fields, traits and identity facts of the
// classes the model declared and the member's tier grants (see inputs.ts). Hidden fields are
// absent, not zeroed, so a feature can tell "none" from "not allowed to know".
import { CONSENT_TIERS, type ChannelSubscriptions, type ConsentTier, type DataClass } from '../core/index.js';
import { STATS_DATA_CLASS, type ProfileStats } from '../profiles/stats.js';
import { grantedClasses, grantedTraits, grants, type ModelInputs } from './inputs.js';
import type { MemberSnapshot } from './member.js';

export interface MemberView {
  readonly profileId: string;
  readonly tier: ConsentTier;
  /** The classes this view exposes: declared by the model and granted by the tier. */
  readonly classes: readonly DataClass[];
  readonly stats: Partial<ProfileStats>;
  readonly traits: Readonly<Record<string, unknown>>;
  /** Identity at contact use: to reach the member at a decent local hour on a channel they chose. */
  readonly timezone: string | null;
  readonly channels: ChannelSubscriptions | null;
  /** Identity at full use: the enrolment date. */
  readonly enrolledAt: number | null;
}

/** What one declaration may read in one tier, worked out once (views are built per member per model). */
interface ViewPlan {
  classes: DataClass[];
  statsKeys: Array<keyof ProfileStats>;
  contact: boolean;
  fullIdentity: boolean;
}

const STATS_KEYS = Object.keys(STATS_DATA_CLASS) as Array<keyof ProfileStats>;
const plans = new WeakMap<ModelInputs, Record<ConsentTier, ViewPlan>>();

function planOf(inputs: ModelInputs, tier: ConsentTier): ViewPlan {
  let byTier = plans.get(inputs);
  if (byTier === undefined) {
    byTier = Object.fromEntries(CONSENT_TIERS.map((t) => {
      const classes = grantedClasses(t, inputs);
      return [t, {
        classes,
        // Identity facts are not stats; every other class is read at the use it was declared with.
        statsKeys: STATS_KEYS.filter((key) => STATS_DATA_CLASS[key] !== 'identity' && classes.includes(STATS_DATA_CLASS[key])),
        contact: inputs.identity !== undefined && grants(t, 'identity', 'contact'),
        fullIdentity: inputs.identity === 'full' && grants(t, 'identity', 'full'),
      }];
    })) as Record<ConsentTier, ViewPlan>;
    plans.set(inputs, byTier);
  }
  return byTier[tier];
}

export function viewOf(member: MemberSnapshot, inputs: ModelInputs): MemberView {
  const tier = member.consent.tier;
  const plan = planOf(inputs, tier);
  const stats: Partial<ProfileStats> = {};
  for (const key of plan.statsKeys) (stats as Record<string, unknown>)[key] = member.stats[key];
  return {
    profileId: member.profileId,
    tier,
    classes: plan.classes,
    stats,
    traits: grantedTraits(member.traits, tier, inputs),
    timezone: plan.contact ? member.timezone : null,
    channels: plan.contact ? member.consent.channels : null,
    enrolledAt: plan.fullIdentity ? member.firstSeenAt : null,
  };
}
