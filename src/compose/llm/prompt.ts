// The prompt: the brand's guidelines and voice rules, the framing, and the facts of the
// template context — which already holds only what the member's tier allows. Two things are
// kept back even so: identity (a third party does not need the member's name; the layout
// greets them) and links (they carry signed tokens).
import type { Channel } from '../../core/consent.js';
import type { Brand } from '../brand.js';
import type { TemplateContext } from '../context.js';
import { FRAMING_PURPOSE, type Framing } from '../framing.js';
import type { ChatMessage } from './contract.js';

/** Character limits for the copy the LLM writes (the layout's own words already subtracted). */
export interface CopyLimits {
  subjectChars: number | null;
  bodyChars: number | null;
}

export interface PromptInput {
  brand: Brand;
  framing: Framing;
  channel: Channel;
  context: TemplateContext;
  limits: CopyLimits;
}

const CHANNEL_NAMES: Readonly<Record<Channel, string>> = {
  email: 'marketing email',
  sms: 'text message (SMS)',
  push: 'push notification',
  in_app: 'in-app message',
};

const SUBJECT_NAMES: Readonly<Record<Channel, string>> = {
  email: 'the subject line',
  sms: 'an empty string (an SMS has no subject)',
  push: 'the notification title',
  in_app: 'the message title',
};

/** The facts the model may use, as JSON: allowed member facts minus identity, catalog facts, brand. */
export function promptFacts(context: TemplateContext): string {
  const { identity: _identity, ...member } = context.member;
  return JSON.stringify({
    brand: { name: context.brand.name, program: context.brand.program },
    member,
    products: context.products.map((product) => ({ name: product.name, category: product.category, price: product.price_text, sizes: product.sizes })),
  });
}

function voiceRules(brand: Brand): string[] {
  const rules = brand.ruleConfig;
  const lines = [`Keep every sentence to ${brand.rules.maxWordsPerSentence} words or fewer.`];
  if (brand.rules.contractions === 'prefer') lines.push('Use contractions ("you\'ll", "it\'s").');
  if (brand.rules.contractions === 'avoid') lines.push('Do not use contractions.');
  if (rules.bannedPhrases !== undefined && rules.bannedPhrases.length > 0) lines.push(`Never write: ${rules.bannedPhrases.map((phrase) => `"${phrase}"`).join(', ')}.`);
  lines.push('No superlatives ("best", "#1", "cheapest", "most popular") and no claims you cannot back with the facts given.');
  return lines;
}

const CREEPY_LINE = [
  'Speak to what the member might enjoy or need, never to what they were seen doing: no durations, times, dates, visit or view counts, and never "we noticed".',
  'No countdowns, deadlines, "only N left", "selling fast" or any other pressure.',
  'Never guess at health, money, pregnancy, grief, religion or sexuality.',
  'Name only the products listed in the facts, with their exact names and prices; invent nothing else.',
  'Do not write a greeting, sign-off, links, an unsubscribe line or an AI notice: Attune adds them.',
];

export function buildPrompt(input: PromptInput): ChatMessage[] {
  const { brand, framing, channel, limits } = input;
  const length: string[] = [];
  if (limits.subjectChars !== null) length.push(`${SUBJECT_NAMES[channel]} at most ${limits.subjectChars} characters`);
  if (limits.bodyChars !== null) length.push(`the body at most ${limits.bodyChars} characters${channel === 'sms' ? ', plain characters only (no emoji or curly quotes)' : ''}`);
  if (channel === 'email') length.push('the body at most 120 words in short paragraphs separated by blank lines');

  const system = [
    `You write one ${CHANNEL_NAMES[channel]} from ${brand.facts.name} to a member of ${brand.facts.program}.`,
    '',
    'Brand guidelines:',
    ...brand.guidelines.map((line) => `- ${line}`),
    '',
    `Purpose of this message: ${FRAMING_PURPOSE[framing]}.`,
    '',
    'Rules (a message that breaks one is discarded):',
    ...[...voiceRules(brand), ...CREEPY_LINE].map((line) => `- ${line}`),
    ...(length.length > 0 ? [`- Length: ${length.join('; ')}.`] : []),
    '',
    `Answer with one JSON object and nothing else: {"subject": ${SUBJECT_NAMES[channel]}, "body": the message text}.`,
  ].join('\n');

  const user = `Facts you may use (JSON):\n${promptFacts(input.context)}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
