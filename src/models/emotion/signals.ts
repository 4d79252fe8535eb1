// The observable signals of a customer-service message. Each signal names what fired, quotes
// the text that fired it (so explanations can cite it), says which emotional state it supports
// and how strongly (a weight in (0, 1]), and whether on its own it calls for a person.
import { analyzeSentiment } from '../sentiment/index.js';

export type EmotionalState = 'calm' | 'satisfied' | 'anxious' | 'frustrated' | 'angry';

/**
 * What a signal supports: a state, `emphasis` (caps, "!!!", swearing: they amplify whatever
 * the message already expresses) or `routing` only (it changes who answers, not the mood).
 */
export type SignalTarget = Exclude<EmotionalState, 'calm'> | 'emphasis' | 'routing';

export type SignalKind =
  | 'negative_sentiment' | 'positive_sentiment' | 'emoji'
  | 'shouting' | 'repeated_punctuation' | 'profanity'
  | 'waiting' | 'repeat_contact' | 'dissatisfaction' | 'complaint'
  | 'refund_demand' | 'cancel_demand' | 'human_request'
  | 'churn_threat' | 'public_threat' | 'legal_threat' | 'insult'
  | 'worry' | 'urgency' | 'gratitude';

export interface Signal {
  kind: SignalKind;
  supports: SignalTarget;
  /** Strength in (0, 1]; signals for the same state combine as 1 − Π(1 − weight). */
  weight: number;
  /** The words (or score) that fired it, for explanations. */
  evidence: string;
  /** True when this signal alone means a person should take over. */
  routesToHuman: boolean;
}

interface PhraseRule {
  kind: SignalKind;
  supports: SignalTarget;
  weight: number;
  routesToHuman: boolean;
  pattern: RegExp;
}

const rule = (kind: SignalKind, supports: SignalTarget, weight: number, pattern: RegExp, routesToHuman = false): PhraseRule =>
  ({ kind, supports, weight, pattern, routesToHuman });

/** Swearing is emphasis, not content: it is also masked before scoring sentiment (see below). */
const PROFANITY = /\b(?:fuck\w*|f\*+\w*|shit\w*|bullshit|damn\w*|goddamn\w*|crap\w*|wtf|bloody|hell|bastards?|bitch\w*|asshole\w*|piss\w*|freaking|frigging|effing)\b/;
const PROFANITY_ALL = new RegExp(PROFANITY.source, 'gi');

const NUMBER_WORD = String.raw`(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|few)`;
const PERSON = String.raw`(?:human|person|people|agent|representative|rep|manager|supervisor|operator|someone|somebody|some one|assistant|employee|staff|advisor|adviser)`;

// Patterns run on lower-cased text with straight apostrophes. Weights: 0.6 for explicit
// statements ("still waiting", "no one answered"), 0.2 for routine words that only
// hint at the mood ("refund", "waiting for").
const PHRASE_RULES: readonly PhraseRule[] = [
  rule('waiting', 'frustrated', 0.6, /\bstill (?:waiting|haven'?t|have not|hasn'?t|has not|didn'?t|did not|not|no|nothing|can'?t|cannot|unresolved|missing)\b/),
  rule('waiting', 'frustrated', 0.6, /\b(?:no ?one|nobody|no body)\b.{0,20}?\b(?:answer|respond|repl|call|got back|get back|contact|help|bother)\w*/),
  rule('waiting', 'frustrated', 0.6, /\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|never)\b.{0,15}?\b(?:heard|received|gotten|got|had)\b.{0,10}?\b(?:back|answer|response|reply|update|call)/),
  rule('waiting', 'frustrated', 0.5, /\bno (?:answer|response|reply|replies|update|call ?back|follow[- ]?up)\b/),
  rule('waiting', 'frustrated', 0.5, new RegExp(String.raw`\b(?:for|over|after|been|waited|waiting)\b.{0,12}?\b${NUMBER_WORD} (?:days|weeks|months)\b|\bfor (?:days|weeks|months|ages)\b`)),
  rule('waiting', 'frustrated', 0.4, /\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|never) (?:received|arrived|gotten|got|come|shown up|been (?:delivered|processed|refunded))\b/),
  rule('waiting', 'frustrated', 0.2, /\b(?:waiting|wait) (?:for|on|since)\b|\bwhere is my\b/),
  rule('repeat_contact', 'frustrated', 0.6, /\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth|\d+th) time\b|\bhow many times\b|\b(?:again and again|over and over)\b/),
  rule('repeat_contact', 'frustrated', 0.5, new RegExp(String.raw`\b(?:called|emailed|asked|contacted|written|wrote|messaged|told|explained)\b.{0,20}?\b(?:${NUMBER_WORD} times|twice|already)\b|\balready (?:told|asked|explained|called|sent|contacted)\b|\bkeep (?:asking|calling|getting|being)\b`)),
  rule('dissatisfaction', 'frustrated', 0.5, /\b(?:fed up|sick (?:and tired )?of|tired of|had enough|enough is enough|frustrat\w*|annoy\w*|upset|unhappy|not (?:happy|satisfied|pleased)|disappoint\w*|not helpful|unhelpful|waste of (?:time|money)|makes no sense)\b/),
  rule('dissatisfaction', 'frustrated', 0.4, /\b(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|not|never) work(?:s|ing|ed)?\b|\bstill broken\b/),
  rule('complaint', 'frustrated', 0.5, /\b(?:complain\w*|grievance|reclamation)\b/, true),
  rule('complaint', 'frustrated', 0.5, /\b(?:file|filing|lodge|lodging|make|making|submit|raise|open)\b.{0,25}?\bclaim\b|\bclaim against\b/, true),
  rule('refund_demand', 'frustrated', 0.2, /\b(?:refund\w*|money back|reimburs\w*|chargeback|charge back|compensation|restitution)\b/),
  rule('cancel_demand', 'frustrated', 0.2, /\bcancel\w*\b.{0,30}?\b(?:order|subscription|account|membership|plan|purchase|service|contract)\b|\b(?:close|delete|terminate) my account\b|\bunsubscribe\b/),
  rule('human_request', 'routing', 1, new RegExp(String.raw`\b(?:speak\w*|talk\w*|chat\w*|contact\w*|reach\w*|connect\w*|transfer\w*|call\w*|get|put me through)\b.{0,25}?\b(?:a |an |the |to |with |some )?(?:real |live |actual |human |bloody |fucking |goddamn )*${PERSON}\b`), true),
  rule('human_request', 'routing', 1, new RegExp(String.raw`\b(?:want|need|get me|give me)\b (?:a |an |to )?(?:real |live |actual |human )*${PERSON}\b`), true),
  rule('human_request', 'routing', 1, /\b(?:escalate|escalation)\b|\b(?:don'?t want|no more|stop|enough of)(?: \w+){0,3} (?:a |the |this |your )?(?:bot|robot|chatbot|machine)\b/, true),
  rule('churn_threat', 'angry', 0.5, /\b(?:switch\w*|go\w*|mov\w*) (?:to|over to) (?:a |another |your )?(?:competitor|another (?:company|store|shop|bank|provider|brand))\b|\b(?:never|won'?t|will not|not going to) (?:order|shop|buy|use|come back|be back|return|recommend)\w*\b.{0,15}?\b(?:again|you|here|from you)\b|\b(?:lost|losing) (?:a|me as a|your) customer\b|\b(?:take|taking) my (?:business|money) elsewhere\b|\bdone with (?:you|this company|your)\b/, true),
  rule('public_threat', 'angry', 0.6, /\b(?:bad|negative|terrible|horrible|awful|scathing|1[- ]star|one[- ]star|zero[- ]star) reviews?\b|\b(?:post|tweet|share|tell|put)\w* (?:this |it )?(?:on|to|all over) (?:twitter|x|facebook|instagram|tiktok|reddit|social media|everyone|everybody|the internet)\b|\breport(?:ing)? (?:you|this|your company)\b|\b(?:bbb|better business bureau|trading standards|ombudsman|consumer protection)\b/, true),
  rule('legal_threat', 'angry', 0.8, /\b(?:lawyer|attorney|solicitor|sue|suing|lawsuit|legal action|small claims|take you to court)\b/, true),
  rule('insult', 'angry', 0.5, /\b(?:idiots?|stupid|incompetent|useless|pathetic|clowns?|morons?|scam\w*|rip[- ]?off|thie(?:f|ves)|liars?|ridiculous|unacceptable|disgrace\w*|disgusting|outrageous|worst|thanks for nothing|joke of a)\b|\bthis is a joke\b/),
  rule('profanity', 'emphasis', 0.5, PROFANITY),
  rule('worry', 'anxious', 0.5, /\b(?:worried|worry\w*|concerned|nervous|anxious|scared|afraid|panic\w*|stressed|freaking out|confused)\b/),
  rule('worry', 'anxious', 0.5, /\b(?:hacked|stolen|fraud\w*|unauthori[sz]ed|charged twice|double charged|didn'?t authori[sz]e|someone (?:used|accessed))\b/),
  rule('urgency', 'anxious', 0.4, /\b(?:urgent\w*|asap|immediately|right away|right now|emergency|as soon as possible)\b/),
  // "thank you in advance" is politeness and "thanks for nothing" sarcasm, not satisfaction
  rule('gratitude', 'satisfied', 0.35, /\b(?:thank you|thanks|thank u|thx|appreciate\w*|grateful|cheers)\b(?! (?:in advance|for nothing))/),
  rule('gratitude', 'satisfied', 0.5, /\b(?:great (?:job|service|help|support)|you(?:'re| are) (?:the best|awesome|amazing|great)|(?:that|it) (?:worked|helped|fixed it)|problem solved|all sorted|(?:issue|problem) (?:is |has been |was )?(?:resolved|fixed|solved))\b/),
];

/** Emoji that carry a customer-service mood VADER's descriptions miss (😡 is "pouting face"). */
const EMOJI_MOODS: ReadonlyArray<[SignalTarget, number, string]> = [
  ['angry', 0.5, '😡😠🤬👿💢🖕'],
  ['frustrated', 0.4, '😤🙄😒😑😩😫😞😣😖🤦👎😾'],
  ['anxious', 0.4, '😰😟😨😥😧😱😬😓🥺'],
  ['satisfied', 0.4, '😀😃😄😁😊🙂😍🥰😘👍🙏❤💯🎉👏✅😌'],
];
const EMOJI_TARGET = new Map<string, [SignalTarget, number]>(
  EMOJI_MOODS.flatMap(([target, weight, chars]) => [...chars].map((char): [string, [SignalTarget, number]] => [char, [target, weight]])),
);

/** Short all-caps words that are names, not shouting. */
const ACRONYMS = new Set(['I', 'OK', 'ID', 'PIN', 'SMS', 'USA', 'UK', 'EU', 'US', 'TV', 'PC', 'FAQ', 'ASAP', 'PDF', 'URL', 'VIP', 'DM', 'PM', 'AM', 'CEO']);

/** VADER's conventional neutral band: |compound| < 0.05 carries no sentiment. */
const SENTIMENT_THRESHOLD = 0.05;

/** All signals in a message, phrase rules first, then sentiment, emoji, caps and punctuation. */
export function detectSignals(text: string): Signal[] {
  const normalized = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' ');
  const signals: Signal[] = [];
  for (const { kind, supports, weight, routesToHuman, pattern } of PHRASE_RULES) {
    const match = pattern.exec(normalized);
    if (match) signals.push({ kind, supports, weight, routesToHuman, evidence: match[0].trim() });
  }
  signals.push(...sentimentSignals(text), ...emojiSignals(text), ...emphasisSignals(text));
  return signals;
}

function sentimentSignals(text: string): Signal[] {
  // VADER rates swear words as negative; counting them here and as emphasis would make every
  // casual "where is my damn parcel" angry
  const { scores, tokens, valences } = analyzeSentiment(text.replace(PROFANITY_ALL, ' '));
  const { compound } = scores;
  if (Math.abs(compound) < SENTIMENT_THRESHOLD) return [];
  const sign = Math.sign(compound);
  // cite the (up to three) words that pushed hardest in the direction of the score
  const words = tokens
    .map((token, k) => ({ token, push: sign * valences[k]! }))
    .filter(({ push }) => push > 0)
    .sort((a, b) => b.push - a.push)
    .slice(0, 3)
    .map(({ token }) => token);
  const evidence = `sentiment ${compound.toFixed(2)}${words.length > 0 ? `: ${words.join(', ')}` : ''}`;
  return sign < 0
    ? [{ kind: 'negative_sentiment', supports: 'frustrated', weight: 0.6 * -compound, evidence, routesToHuman: false }]
    : [{ kind: 'positive_sentiment', supports: 'satisfied', weight: 0.5 * compound, evidence, routesToHuman: false }];
}

function emojiSignals(text: string): Signal[] {
  const found = new Map<SignalTarget, { weight: number; emoji: string[] }>();
  for (const char of text) {
    const mood = EMOJI_TARGET.get(char);
    if (!mood) continue;
    const entry = found.get(mood[0]) ?? { weight: mood[1], emoji: [] };
    entry.emoji.push(char);
    found.set(mood[0], entry);
  }
  return [...found].map(([supports, { weight, emoji }]) => ({ kind: 'emoji', supports, weight, evidence: emoji.join(''), routesToHuman: false }));
}

function emphasisSignals(text: string): Signal[] {
  const signals: Signal[] = [];
  const words = text.match(/[\p{L}']+/gu) ?? [];
  const shouted = words.filter((word) => word.length >= 2 && !ACRONYMS.has(word) && word === word.toUpperCase() && word !== word.toLowerCase());
  // three shouted words, or two making up half of a short message, read as shouting
  if (shouted.length >= 2 && (shouted.length >= 3 || shouted.length * 2 >= words.length)) {
    signals.push({ kind: 'shouting', supports: 'emphasis', weight: 0.4, evidence: shouted.slice(0, 5).join(' '), routesToHuman: false });
  }
  const runs = text.match(/[!?]{2,}/g) ?? [];
  if (runs.length > 0) {
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
    signals.push({ kind: 'repeated_punctuation', supports: 'emphasis', weight: longest.length >= 3 ? 0.4 : 0.3, evidence: longest, routesToHuman: false });
  }
  return signals;
}
