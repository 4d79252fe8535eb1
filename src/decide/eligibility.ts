// Eligibility: which actions fit this member at all (the marketer's rules), before guardrails.
// Conditions read the consent-filtered member view; a field the tier hides makes the condition
// false — never a guess from data the member did not allow.
import type { DataClass } from '../core/index.js';
import type { ActionConfig, Condition } from './config.js';
import { viewValue, type MemberView } from './member-view.js';

export interface Ineligibility {
  code: 'eligibility.tier' | 'eligibility.segment' | 'eligibility.condition' | 'eligibility.data_not_allowed' | 'eligibility.channel';
  text: string;
}

/** The data class behind each top-level part of the member view. */
export const VIEW_DATA_CLASS: Readonly<Record<string, DataClass>> = {
  member: 'identity',
  stated: 'stated',
  purchase: 'purchase',
  engagement: 'engagement',
  browsing: 'browsing',
  segment: 'stated',
  inferred: 'inferred',
  sendTime: 'engagement',
};

export function conditionHolds(view: MemberView, condition: Condition): boolean | undefined {
  const actual = viewValue(view, condition.field);
  if (condition.op === 'exists') return actual !== undefined && actual !== null;
  if (actual === undefined) return undefined;
  const expected = condition.value;
  switch (condition.op) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && Array.isArray(actual)
        ? actual.some((a) => (expected as unknown[]).includes(a))
        : Array.isArray(expected) && (expected as unknown[]).includes(actual);
    default: {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (condition.op === '<') return actual < expected;
      if (condition.op === '<=') return actual <= expected;
      if (condition.op === '>') return actual > expected;
      return actual >= expected;
    }
  }
}

export function describeCondition(condition: Condition): string {
  return `${condition.field} ${condition.op}${condition.value === undefined ? '' : ` ${JSON.stringify(condition.value)}`}`;
}

/** Data classes an action's eligibility reads (for explanations). */
export function classesRead(action: ActionConfig): DataClass[] {
  const classes = new Set<DataClass>();
  if (action.eligibility.segments !== undefined) classes.add('stated');
  for (const condition of action.eligibility.conditions) {
    const dataClass = VIEW_DATA_CLASS[condition.field.split('.')[0] as string];
    if (dataClass !== undefined) classes.add(dataClass);
  }
  return [...classes];
}

export function ineligibility(action: ActionConfig, view: MemberView): Ineligibility | undefined {
  const { tiers, segments, conditions } = action.eligibility;
  if (tiers !== undefined && !tiers.includes(view.tier)) {
    return { code: 'eligibility.tier', text: `"${action.name}" is only for members in the ${tiers.join('/')} tier.` };
  }
  if (segments !== undefined) {
    if (view.segment === undefined) return { code: 'eligibility.data_not_allowed', text: `"${action.name}" needs a segment, and none is known from data this member allows.` };
    if (!segments.includes(view.segment.name)) {
      return { code: 'eligibility.segment', text: `"${action.name}" is for ${segments.join(', ')}; the member is in ${view.segment.name}.` };
    }
  }
  for (const condition of conditions) {
    const holds = conditionHolds(view, condition);
    if (holds === undefined) {
      return { code: 'eligibility.data_not_allowed', text: `"${action.name}" needs ${condition.field}, which this member's consent tier does not let us use.` };
    }
    if (!holds) return { code: 'eligibility.condition', text: `"${action.name}" requires ${describeCondition(condition)}.` };
  }
  if (!action.channels.some((channel) => view.channels[channel])) {
    return { code: 'eligibility.channel', text: `"${action.name}" goes by ${action.channels.join('/')}, and the member is subscribed to none of them.` };
  }
  return undefined;
}
