// Which data each model may read (DESIGN.md §5). Every model declares the data classes it reads
// and the use it makes of them; `viewOf` then hands the model only the part of a member that
// both the declaration and the member's consent tier allow. Models never see the profile
// itself, so a score cannot depend on a class the tier withholds: enforced by construction and
// proved by the counterfactual tests in test/features.
import { TIER_POLICY, dataClassOfTrait, type ClassUse, type ConsentTier, type DataClass } from '../core/index.js';

/**
 * The use a model makes of a class. `full`: targeting (what segments, value and recommendations
 * are). `contact`: identity only to reach the member well (time zone, channel subscriptions).
 * `protect`: service data only to shield the member (suppress promotions, hand over to a
 * person) — never to sell. (`caps` belongs to the decision engine's guardrails, not to models.)
 */
export type ModelUse = Extract<ClassUse, 'full' | 'contact' | 'protect'>;

export type ModelInputs = Readonly<Partial<Record<DataClass, ModelUse>>>;

export const MODEL_NAMES = ['clv', 'churn', 'segments', 'affinity', 'sendTime', 'channel', 'emotion'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** The declaration of every model: the classes it reads, each with its use. */
export const MODEL_INPUTS: Readonly<Record<ModelName, ModelInputs>> = {
  // BG/NBD + Gamma-Gamma on order counts, dates and revenue.
  clv: { purchase: 'full' },
  // Purchase history and its BG/NBD view, plus email engagement trends.
  churn: { purchase: 'full', engagement: 'full' },
  // Enrolment date (New Members), purchases, engagement and browsing intensity.
  segments: { identity: 'full', purchase: 'full', engagement: 'full', browsing: 'full' },
  // Products bought (and viewed, for tiers that allow browsing); the stated size filters.
  affinity: { purchase: 'full', browsing: 'full', stated: 'full' },
  // Hours of clicks and orders, shifted into the member's time zone.
  sendTime: { identity: 'contact', purchase: 'full', engagement: 'full' },
  // Deliveries, opens and clicks per channel, among the channels the member subscribed to.
  channel: { identity: 'contact', engagement: 'full' },
  // Recent support messages: protection only (suppression and hand-over), in every tier.
  emotion: { service: 'protect' },
};

/** Whether a tier lets a model use a class the way it declared. */
export function grants(tier: ConsentTier, dataClass: DataClass, use: ModelUse): boolean {
  const allowed = TIER_POLICY[tier][dataClass];
  return allowed === 'full' || allowed === use;
}

/** The classes of a declaration that a tier grants, in DATA_CLASSES order. */
export function grantedClasses(tier: ConsentTier, inputs: ModelInputs): DataClass[] {
  return (Object.keys(inputs) as DataClass[])
    .filter((dataClass) => grants(tier, dataClass, inputs[dataClass] as ModelUse))
    .sort((a, b) => CLASS_ORDER[a] - CLASS_ORDER[b]);
}

const CLASS_ORDER: Readonly<Record<DataClass, number>> = {
  identity: 0, stated: 1, purchase: 2, engagement: 3, browsing: 4, service: 5, inferred: 6,
};

/** Traits whose class the declaration and tier allow (undeclared traits are `inferred`). */
export function grantedTraits(traits: Readonly<Record<string, unknown>>, tier: ConsentTier, inputs: ModelInputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(traits)) {
    const dataClass = dataClassOfTrait(name);
    const use = inputs[dataClass];
    // Identity traits (name, email, …) are for contact; models read them only at full use.
    if (use !== undefined && (dataClass !== 'identity' || use === 'full') && grants(tier, dataClass, use)) out[name] = value;
  }
  return out;
}
