// The seven behavioural segments and the transparent rules that name clusters. A rule is a list
// of conditions on standardized features ("engagement high", "order value low"); its score on a
// centroid is the weakest condition's signed z-score, so a rule scores high only when every
// condition holds. A cluster takes the best-scoring rule whose features it has; a cluster no
// rule describes (score below MIN_RULE_SCORE) stays `unknown` rather than get a wrong name.
// New Members is not a cluster but a fact: enrolled fewer than NEW_MEMBER_DAYS days ago.

import { SEGMENT_NAMES, type SegmentName } from '../../core/segments.js';

export { SEGMENT_NAMES, type SegmentName };
/** A segment, or `unknown` when the allowed data shows no pattern (or none is allowed). */
export type SegmentLabel = SegmentName | 'unknown';

export const NEW_MEMBER_DAYS = 90;
/** A rule names a cluster only when its weakest condition is at least this many standard deviations the right way. */
export const MIN_RULE_SCORE = 0.2;

export interface Condition {
  readonly feature: string;
  readonly direction: 'high' | 'low';
}

export interface NamingRule {
  readonly name: Exclude<SegmentName, 'New Members'>;
  readonly conditions: readonly Condition[];
}

const high = (feature: string): Condition => ({ feature, direction: 'high' });
const low = (feature: string): Condition => ({ feature, direction: 'low' });

/** In order of precedence on equal scores. */
export const NAMING_RULES: readonly NamingRule[] = [
  { name: 'Enthusiasts', conditions: [high('engagement'), high('spend12m')] },
  { name: 'Lapsed VIPs', conditions: [high('lifetimeSpend'), high('spendDecline')] },
  { name: 'Bargain Hunters', conditions: [high('discountShare')] },
  { name: 'Gift Givers', conditions: [high('holidayShare')] },
  { name: 'Routine Buyers', conditions: [high('regularity'), low('orderValue')] },
  { name: 'Browsers', conditions: [high('browsing'), low('orders12m')] },
];

/** Weakest signed z of the rule's conditions; null when a condition's feature is not available. */
export function ruleScore(rule: NamingRule, zOf: (feature: string) => number | undefined): number | null {
  let score = Number.POSITIVE_INFINITY;
  for (const { feature, direction } of rule.conditions) {
    const z = zOf(feature);
    if (z === undefined || Number.isNaN(z)) return null;
    score = Math.min(score, direction === 'high' ? z : -z);
  }
  return score;
}

/** The name of a cluster from its standardized centroid, with the winning rule's score. */
export function nameCluster(zOf: (feature: string) => number | undefined): { name: SegmentLabel; score: number | null; rule: NamingRule | null } {
  let best: { name: SegmentLabel; score: number | null; rule: NamingRule | null } = { name: 'unknown', score: null, rule: null };
  for (const rule of NAMING_RULES) {
    const score = ruleScore(rule, zOf);
    if (score !== null && score >= MIN_RULE_SCORE && (best.score === null || score > best.score)) best = { name: rule.name, score, rule };
  }
  return best;
}
