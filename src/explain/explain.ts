// "Why was this recommended?" — plain language from a decision's recorded reasons, citing only the
// data classes the member's tier allows, and never observations (no times, counts or durations).
import { allowsPersonalization, TIER_POLICY, type ConsentTier, type DataClass } from '../core/index.js';
import type { Decision } from '../core/decision.js';

/** How each data class is named to a member. */
export const DATA_CLASS_PHRASES: Readonly<Record<DataClass, string>> = {
  identity: 'your membership details',
  stated: 'what you have told us, such as your preferences',
  purchase: 'what you have bought from us',
  engagement: 'which of our messages you found useful',
  browsing: 'what you have looked at in our shop',
  service: 'your recent conversation with our team',
  inferred: 'patterns we see among members with similar purchases',
};

export interface Explanation {
  text: string;
  /** Data classes the explanation cites (all allowed for the tier). */
  dataClasses: DataClass[];
}

/** May this class appear in this member's explanation? Service data only where it protected them. */
function citable(tier: ConsentTier, dataClass: DataClass): boolean {
  if (dataClass === 'service') return TIER_POLICY[tier].service !== 'none';
  return allowsPersonalization(tier, dataClass);
}

function listOf(phrases: string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? '';
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

export function explainDecision(decision: Decision, tier: ConsentTier): Explanation {
  const sentences: string[] = [];
  const classes = new Set<DataClass>();
  for (const r of decision.reasons) {
    if (r.text === '') continue;
    if (!r.dataClasses.every((c) => citable(tier, c))) continue;
    if (!sentences.includes(r.text)) sentences.push(r.text);
    for (const c of r.dataClasses) classes.add(c);
  }
  if (decision.action === 'silence' && sentences.length === 0) sentences.push('We chose not to send you anything right now.');
  const dataClasses = [...classes].filter((c) => c !== 'identity');
  if (dataClasses.length > 0) {
    sentences.push(`This was based on ${listOf(dataClasses.map((c) => DATA_CLASS_PHRASES[c]))}.`);
  } else if (decision.action !== 'silence' && decision.action !== 'human_outreach') {
    // The action's own reason may rest on data the tier does not allow: say what is true instead.
    if (sentences.length === 0) sentences.push('This is a message we send to many of our members.');
    sentences.push('It was not based on your personal activity.');
  }
  sentences.push('You can change what we use, or how we contact you, on your preferences page at any time.');
  return { text: sentences.join(' '), dataClasses };
}
