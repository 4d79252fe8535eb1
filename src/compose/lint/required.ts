// Required parts: an unsubscribe link in every email, a "Why this?" link on every
// recommendation, and an AI disclosure wherever an LLM wrote the copy or a bot is speaking.
import type { Channel } from '../../core/consent.js';
import type { CompiledRules } from './brand-rules.js';
import type { ViolationReport } from './report.js';
import type { AnchorHits } from './anchors.js';

/**
 * An unsubscribe link: the `{{unsubscribe_url}}` placeholder, a URL containing "unsubscribe",
 * or a link whose text is "Unsubscribe" (HTML `<a …>Unsubscribe</a>`, Markdown `[Unsubscribe](…)`).
 * The bare word without a link does not count. For lower-cased text.
 */
const UNSUBSCRIBE_LINK = /\{\{\s*unsubscribe_url\s*\}\}|https?:\/\/[^\s"'<>]*unsubscribe|<a\b[^>]*>\s*unsubscribe\s*<\/a>|\[\s*unsubscribe\s*\]\([^)\s]+\)/;

/**
 * A "Why this?" link: the `{{why_url}}` placeholder, a URL with a `/why` path segment (what
 * `{{why_url}}` renders to), or the words "Why this?" / "Why was this recommended?".
 */
const WHY_LINK = /\{\{\s*why_url\s*\}\}|https?:\/\/[^\s"'<>]*\/why(?:[/?#]|\b)|\bwhy\s+(?:this|was\s+this\s+recommended|am\s+i\s+seeing\s+this)\s*\?/;

export interface Authorship {
  generated: boolean;
  botSpeaking: boolean;
  recommendation: boolean;
}

export function checkRequiredParts(channel: Channel, body: AnchorHits, authorship: Authorship, rules: CompiledRules, report: ViolationReport): void {
  const { lower } = body.field;
  const end: [number, number] = [lower.length, lower.length];
  // `includes` first: a native search that spares the regex on most messages.
  if (channel === 'email' && !(lower.includes('unsubscribe') && UNSUBSCRIBE_LINK.test(lower))) {
    report.add('required.unsubscribe-link', 'body', end, 'Every email needs an unsubscribe link: add {{unsubscribe_url}} (or a link with the text "Unsubscribe").');
  }
  if (authorship.recommendation && !(lower.includes('why') && WHY_LINK.test(lower))) {
    report.add('required.why-link', 'body', end, 'A recommendation needs a "Why this?" link: add {{why_url}} with the text "Why this?".');
  }
  if ((authorship.generated || authorship.botSpeaking) && (rules.aiDisclosure === null || !body.has(rules.aiDisclosure))) {
    const who = authorship.botSpeaking ? 'A bot is speaking' : 'An AI wrote this copy';
    const example = rules.aiDisclosureExample === undefined ? '' : `, for example "${rules.aiDisclosureExample}"`;
    report.add('required.ai-disclosure', 'body', end, `${who}: say so in the message${example}.`);
  }
}
