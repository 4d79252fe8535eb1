// VADER sentiment scoring (Hutto & Gilbert 2014), written to reproduce the reference Python
// implementation (cjhutto/vaderSentiment) score for score, including its quirks, which are
// marked "reference quirk" below. Rules, in the order they apply to each lexicon word:
// "no" as a negator, ALL CAPS emphasis, boosters/dampeners and negations within three words
// before it, special-case idioms, and "least"; then "but" reweighting over the sentence, then
// "!"/"?" emphasis and normalisation.
import { EMOJI_DESCRIPTIONS, VALENCE } from './lexicon.js';
import {
  codePointLength, isUpper, roundHalfEven, splitWords, stripPunctuation, stripWhitespace,
} from './python-text.js';
import {
  BOOSTERS, CAPS_INCREMENT, EXCLAMATION_INCREMENT, MAX_EXCLAMATIONS, MAX_QUESTION_EMPHASIS,
  NEGATION_SCALAR, NEGATION_WORDS, NORMALIZATION_ALPHA, QUESTION_INCREMENT, SPECIAL_CASES,
} from './rules.js';

/** VADER's scores: proportions of negative/neutral/positive text and the normalised compound in [−1, 1]. */
export interface PolarityScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

/** The scores plus each token's final valence, so callers can cite the words that drove them. */
export interface SentimentAnalysis {
  scores: PolarityScores;
  tokens: string[];
  valences: number[];
}

/** One sentence's tokens, their lower-cased forms, and whether only some tokens are ALL CAPS. */
interface Sentence {
  tokens: string[];
  lower: string[];
  capsContrast: boolean;
}

/** Score a text the way the reference `SentimentIntensityAnalyzer.polarity_scores` does. */
export function polarityScores(text: string): PolarityScores {
  return analyzeSentiment(text).scores;
}

/** Score a text and keep the per-token valences behind the score. */
export function analyzeSentiment(text: string): SentimentAnalysis {
  const prepared = stripWhitespace(describeEmoji(text));
  const tokens = splitWords(prepared).map(keepEmoticon);
  const sentence: Sentence = {
    tokens,
    lower: tokens.map((token) => token.toLowerCase()),
    capsContrast: hasCapsContrast(tokens),
  };
  const valences = tokens.map((_, i) => tokenValence(sentence, i));
  applyBut(sentence.lower, valences);
  return { scores: summarize(valences, prepared), tokens, valences };
}

/** Replace each emoji by its description, separated from a preceding non-space character. */
function describeEmoji(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text; // every emoji is outside ASCII
  const parts: string[] = [];
  let afterSpace = true;
  for (const char of text) {
    const description = EMOJI_DESCRIPTIONS.get(char);
    if (description === undefined) {
      parts.push(char);
      afterSpace = char === ' ';
    } else {
      if (!afterSpace) parts.push(' ');
      parts.push(description);
      afterSpace = false; // reference quirk: no space after the description
    }
  }
  return parts.join('');
}

/** Strip surrounding punctuation unless that leaves ≤ 2 characters (then it is likely an emoticon). */
function keepEmoticon(token: string): string {
  const stripped = stripPunctuation(token);
  return codePointLength(stripped) <= 2 ? token : stripped;
}

/** True when some, but not all, tokens are ALL CAPS: only then does caps signal emphasis. */
function hasCapsContrast(tokens: string[]): boolean {
  const caps = tokens.filter(isUpper).length;
  return caps > 0 && caps < tokens.length;
}

function tokenValence(sentence: Sentence, i: number): number {
  const { lower } = sentence;
  // boosters and "kind of" modify other words and carry no sentiment themselves
  if (BOOSTERS.has(lower[i]!)) return 0;
  if (i < lower.length - 1 && lower[i] === 'kind' && lower[i + 1] === 'of') return 0;
  const base = VALENCE.get(lower[i]!);
  return base === undefined ? 0 : lexiconWordValence(sentence, i, base);
}

function lexiconWordValence(sentence: Sentence, i: number, base: number): number {
  const { tokens, lower, capsContrast } = sentence;
  let valence = base;
  // "no" right before another lexicon word negates it instead of counting as negative itself
  if (lower[i] === 'no' && i !== lower.length - 1 && VALENCE.has(lower[i + 1]!)) valence = 0;
  if ((i > 0 && lower[i - 1] === 'no') || (i > 1 && lower[i - 2] === 'no')
    || (i > 2 && lower[i - 3] === 'no' && (lower[i - 1] === 'or' || lower[i - 1] === 'nor'))) {
    valence = base * NEGATION_SCALAR;
  }
  if (capsContrast && isUpper(tokens[i]!)) valence += valence > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;

  // look back up to three words for modifiers; non-lexicon words only
  for (let distance = 1; distance <= 3 && distance <= i; distance++) {
    const j = i - distance;
    if (VALENCE.has(lower[j]!)) continue;
    let boost = boosterEffect(tokens[j]!, lower[j]!, valence, capsContrast);
    if (boost !== 0 && distance === 2) boost *= 0.95; // farther modifiers count less
    if (boost !== 0 && distance === 3) boost *= 0.9;
    valence += boost;
    valence = applyNegation(valence, lower, i, distance);
    if (distance === 3) valence = applySpecialCases(valence, lower, i);
  }
  return applyLeast(valence, lower, i);
}

/** Signed effect of a booster word on a word of the given valence (0 if it is not a booster). */
function boosterEffect(token: string, lowerToken: string, valence: number, capsContrast: boolean): number {
  const increment = BOOSTERS.get(lowerToken);
  if (increment === undefined) return 0;
  let effect = valence < 0 ? -increment : increment;
  if (capsContrast && isUpper(token)) effect += valence > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
  return effect;
}

function isNegation(lowerToken: string): boolean {
  return NEGATION_WORDS.has(lowerToken) || lowerToken.includes("n't");
}

const isSoOrThis = (word: string | undefined): boolean => word === 'so' || word === 'this';

/** Negation by the word `distance` positions back, with "never so/this" and "without doubt" as intensifiers. */
function applyNegation(valence: number, lower: string[], i: number, distance: number): number {
  const back = (k: number): string => lower[i - k]!;
  if (distance === 1) return isNegation(back(1)) ? valence * NEGATION_SCALAR : valence;
  if (distance === 2) {
    if (back(2) === 'never' && isSoOrThis(back(1))) return valence * 1.25;
    if (back(2) === 'without' && back(1) === 'doubt') return valence;
    return isNegation(back(2)) ? valence * NEGATION_SCALAR : valence;
  }
  // reference quirk: operator precedence makes any "so"/"this" just before the word intensify it
  if ((back(3) === 'never' && isSoOrThis(back(2))) || isSoOrThis(back(1))) return valence * 1.25;
  if (back(3) === 'without' && (back(2) === 'doubt' || back(1) === 'doubt')) return valence;
  return isNegation(back(3)) ? valence * NEGATION_SCALAR : valence;
}

/** Idioms around the word ("the shit", "broken heart") override its valence; "kind of" etc. dampen it. */
function applySpecialCases(valence: number, lower: string[], i: number): number {
  const [w3, w2, w1, w0] = [lower[i - 3]!, lower[i - 2]!, lower[i - 1]!, lower[i]!];
  const twoBefore = `${w2} ${w1}`;
  const threeBefore = `${w3} ${w2} ${w1}`;
  const sequences = [`${w1} ${w0}`, `${w2} ${w1} ${w0}`, twoBefore, threeBefore, `${w3} ${w2}`];
  const idiom = sequences.find((sequence) => SPECIAL_CASES.has(sequence));
  let result = idiom === undefined ? valence : SPECIAL_CASES.get(idiom)!;
  if (i + 1 < lower.length) result = SPECIAL_CASES.get(`${w0} ${lower[i + 1]}`) ?? result;
  if (i + 2 < lower.length) result = SPECIAL_CASES.get(`${w0} ${lower[i + 1]} ${lower[i + 2]}`) ?? result;
  // multi-word dampeners ("kind of", "sort of", "just enough") right before the word
  for (const nGram of [threeBefore, `${w3} ${w2}`, twoBefore]) result += BOOSTERS.get(nGram) ?? 0;
  return result;
}

/** "least X" negates X, except in "at least X" and "very least X". */
function applyLeast(valence: number, lower: string[], i: number): number {
  if (i === 0 || lower[i - 1] !== 'least') return valence;
  if (i > 1 && (lower[i - 2] === 'at' || lower[i - 2] === 'very')) return valence;
  return valence * NEGATION_SCALAR;
}

/**
 * "but" shifts weight to what follows it: valences before the first "but" are halved, after it
 * are multiplied by 1.5. Reference quirk, kept for parity: each value is located by its first
 * equal value in the list, so repeated valences (e.g. several zeros, or a word that occurs
 * twice) update the first occurrence instead of their own position.
 */
function applyBut(lower: string[], valences: number[]): void {
  const butIndex = lower.indexOf('but');
  if (butIndex === -1) return;
  for (let k = 0; k < valences.length; k++) {
    const value = valences[k]!;
    const first = valences.indexOf(value);
    if (first < butIndex) valences[first] = value * 0.5;
    else if (first > butIndex) valences[first] = value * 1.5;
  }
}

/** Emphasis from "!" (up to 4) and "??"/"???" (or more, capped), added in the direction of the sentiment. */
function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    if (unit === 33) exclamations++;
    else if (unit === 63) questions++;
  }
  const fromExclamations = Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_INCREMENT;
  let fromQuestions = 0;
  if (questions > 1) fromQuestions = questions <= 3 ? questions * QUESTION_INCREMENT : MAX_QUESTION_EMPHASIS;
  return fromExclamations + fromQuestions;
}

function normalize(score: number): number {
  const normalized = score / Math.sqrt(score * score + NORMALIZATION_ALPHA);
  return Math.max(-1, Math.min(1, normalized));
}

function summarize(valences: number[], text: string): PolarityScores {
  if (valences.length === 0) return { neg: 0, neu: 0, pos: 0, compound: 0 };
  const emphasis = punctuationEmphasis(text);
  let sum = valences.reduce((total, valence) => total + valence, 0);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;

  // each sentiment-bearing word counts 1 + |valence|, each neutral word counts 1
  let positive = 0;
  let negative = 0;
  let neutralCount = 0;
  for (const valence of valences) {
    if (valence > 0) positive += valence + 1;
    if (valence < 0) negative += valence - 1;
    if (valence === 0) neutralCount++;
  }
  if (positive > Math.abs(negative)) positive += emphasis;
  else if (positive < Math.abs(negative)) negative -= emphasis;
  const total = positive + Math.abs(negative) + neutralCount;
  return {
    neg: roundHalfEven(Math.abs(negative / total), 3),
    neu: roundHalfEven(Math.abs(neutralCount / total), 3),
    pos: roundHalfEven(Math.abs(positive / total), 3),
    compound: roundHalfEven(normalize(sum), 4),
  };
}
