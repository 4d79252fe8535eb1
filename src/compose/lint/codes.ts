// Every rule the linter knows, by its stable code. This table is the single list: the config
// schema, the docs and the CLI all read it, so a code cannot exist in one place only.

/** The family a rule belongs to; it is the part of the code before the dot. */
export type RuleFamily = 'voice' | 'creepy' | 'fact' | 'required' | 'length';

/** `error` holds the message for human review; `warning` is reported but does not block. */
export type Severity = 'error' | 'warning';

interface RuleInfo {
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  /** One line a marketer understands; docs/linter.md expands on it. */
  readonly summary: string;
}

export const RULES = {
  'voice.sentence-too-long': { family: 'voice', defaultSeverity: 'error', summary: 'A sentence is longer than the brand allows.' },
  'voice.banned-phrase': { family: 'voice', defaultSeverity: 'error', summary: 'A phrase the brand has banned (pressure or spam wording).' },
  'voice.uncited-superlative': { family: 'voice', defaultSeverity: 'error', summary: 'A superlative ("best", "#1", "cheapest") without a cited fact in the same sentence.' },
  'voice.contraction-style': { family: 'voice', defaultSeverity: 'warning', summary: 'Contractions used against the brand preference (prefer or avoid).' },
  'creepy.observed-duration': { family: 'creepy', defaultSeverity: 'error', summary: 'Tells the member how long they looked at something.' },
  'creepy.exact-time': { family: 'creepy', defaultSeverity: 'error', summary: 'Tells the member the exact time or date of something they did.' },
  'creepy.view-count': { family: 'creepy', defaultSeverity: 'error', summary: 'Counts the member\'s views or visits.' },
  'creepy.observed-behaviour': { family: 'creepy', defaultSeverity: 'error', summary: '"We noticed you were looking at…": says the brand watched the member.' },
  'creepy.still-thinking': { family: 'creepy', defaultSeverity: 'error', summary: '"Still thinking about that …?": chases an item the member looked at.' },
  'creepy.data-first': { family: 'creepy', defaultSeverity: 'error', summary: 'Leads with internal data (SKU or item numbers, "our records show").' },
  'creepy.countdown': { family: 'creepy', defaultSeverity: 'error', summary: 'A countdown timer or ticking-clock pressure.' },
  'creepy.invented-scarcity': { family: 'creepy', defaultSeverity: 'error', summary: 'A scarcity claim ("only 2 left", "may sell out") the inventory does not support.' },
  'creepy.forbidden-data-class': { family: 'creepy', defaultSeverity: 'error', summary: 'Mentions data the member\'s consent tier does not allow.' },
  'creepy.sensitive-inference': { family: 'creepy', defaultSeverity: 'error', summary: 'Infers something sensitive about the member (health, money, pregnancy, grief, religion, sexuality).' },
  'fact.unknown-product': { family: 'fact', defaultSeverity: 'error', summary: 'A listed product is not in the catalog.' },
  'fact.name-mismatch': { family: 'fact', defaultSeverity: 'error', summary: 'A listed product\'s name differs from the catalog.' },
  'fact.price-mismatch': { family: 'fact', defaultSeverity: 'error', summary: 'A price differs from the catalog price of the product it belongs to.' },
  'required.unsubscribe-link': { family: 'required', defaultSeverity: 'error', summary: 'An email without an unsubscribe link.' },
  'required.why-link': { family: 'required', defaultSeverity: 'error', summary: 'A recommendation without a "Why this?" link.' },
  'required.ai-disclosure': { family: 'required', defaultSeverity: 'error', summary: 'AI-generated content or a bot speaking, without saying so.' },
  'length.sms-segments': { family: 'length', defaultSeverity: 'error', summary: 'An SMS longer than the allowed number of segments.' },
  'length.push-title': { family: 'length', defaultSeverity: 'error', summary: 'A push title longer than the limit.' },
  'length.push-body': { family: 'length', defaultSeverity: 'error', summary: 'A push body longer than the limit.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];
