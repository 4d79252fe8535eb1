// Text helpers shared by the rules: one field of a message with its lower-cased copy and its
// sentences (found in one pass), plus the small vocabularies several rules agree on.
import type { Span, TextField } from './types.js';

/** Numbers as people write them: digits or words ("three", "twenty-one", "a couple of"). */
const DIGIT_WORDS = 'one|two|three|four|five|six|seven|eight|nine';
export const NUMBER_SOURCE =
  `(?:\\d+(?:\\.\\d+)?|(?:twenty|thirty|forty|fifty|sixty)(?:[-\\s](?:${DIGIT_WORDS}))?|` +
  `zero|${DIGIT_WORDS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|` +
  `a\\s+few|a\\s+couple(?:\\s+of)?|several|an?|half\\s+an?)`;
/** Ordinals for "your third visit". */
export const ORDINAL_SOURCE = '(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d+(?:st|nd|rd|th))';
export const ORDINAL_WORDS: readonly string[] = ['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const COUNT_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, a: 1, an: 1,
};

/** The value of a count written in digits or as a word up to twenty; undefined otherwise. */
export function parseCount(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  return COUNT_WORDS[word.toLowerCase()];
}

/**
 * Calls `visit` for every match of a global regex. Rules share module-level regexes, so this
 * resets `lastIndex` first; matching is synchronous, so no other caller can interleave.
 */
export function forEachMatch(regex: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) regex.lastIndex++;
    visit(match);
  }
}

/**
 * Regex source for a configured phrase, to match lower-cased text: apostrophe style (' or ’)
 * does not matter, any run of spaces matches any whitespace, a hyphen may also be a space,
 * and the phrase must stand as whole words.
 */
export function phraseSource(phrase: string): string {
  const trimmed = phrase.trim().toLowerCase();
  const body = trimmed
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]").replace(/-/g, '[-\\s]'))
    .join('\\s+');
  const wordChar = /\w/;
  const before = wordChar.test(trimmed.charAt(0)) ? '\\b' : '';
  const after = wordChar.test(trimmed.charAt(trimmed.length - 1)) ? '\\b' : '';
  return `${before}${body}${after}`;
}

// Character classes, as bit flags. ASCII comes from a table: the sentence pass looks at every
// character of every message, so it avoids chains of comparisons.
const SPACE = 1;
const WORD = 2;
/** . ! ? … end a sentence when whitespace (or the end) follows. */
const TERMINAL = 4;
/** Closing quotes and brackets that may follow the terminal punctuation: " ' ” ’ ) ]. */
const CLOSER = 8;

const ASCII_CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  if (code === 32 || (code >= 9 && code <= 13)) ASCII_CLASSES[code] = SPACE;
  else if (/[A-Za-z0-9]/.test(char)) ASCII_CLASSES[code] = WORD;
  else if ('.!?'.includes(char)) ASCII_CLASSES[code] = TERMINAL;
  else if ('"\')]'.includes(char)) ASCII_CLASSES[code] = CLOSER;
}

/** Letters and digits beyond ASCII: anything outside punctuation, symbol, emoji and private-use blocks. */
function nonAsciiClass(code: number): number {
  if (code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x3000) return SPACE;
  if (code === 0x2026) return TERMINAL;
  if (code === 0x201d || code === 0x2019) return CLOSER;
  if (code < 0xc0 || code === 0xd7 || code === 0xf7 || (code >= 0x2000 && code <= 0x2bff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xd800 && code <= 0xf8ff)) return 0;
  return WORD;
}

function charClass(code: number): number {
  return code < 128 ? ASCII_CLASSES[code]! : nonAsciiClass(code);
}

/** Letters and digits (see nonAsciiClass for the non-ASCII ones). */
export function isWordChar(code: number): boolean {
  return (charClass(code) & WORD) !== 0;
}

/**
 * Lower-cases without changing length, so offsets found in the copy hold in the original.
 * (A few characters, like "İ", lower-case to two; those keep their case.)
 */
function lowerCaseSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let kept = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const lowered = char.toLowerCase();
    kept += lowered.length === 1 ? lowered : char;
  }
  return kept;
}

/** One field of the message: its text, a lower-cased copy the rules scan, and its sentences. */
export class FieldText {
  /** Same length as `text`; the rules' patterns are written for lower-case text. */
  readonly lower: string;
  /** Trimmed sentence spans; a line break also ends a sentence, so list items stand alone. */
  readonly sentences: readonly Span[];
  /** Words in each sentence: whitespace-separated tokens with a letter or digit (a URL is one word). */
  readonly wordCounts: readonly number[];

  constructor(
    readonly field: TextField,
    readonly text: string,
  ) {
    this.lower = lowerCaseSameLength(text);
    const { sentences, wordCounts } = splitSentences(text);
    this.sentences = sentences;
    this.wordCounts = wordCounts;
  }
}

/** Sentences and their word counts in one pass over the characters (no closures: this is hot). */
function splitSentences(text: string): { sentences: Span[]; wordCounts: number[] } {
  const sentences: Span[] = [];
  const wordCounts: number[] = [];
  const length = text.length;
  let sentenceStart = -1;
  let lastVisible = -1;
  let words = 0;
  let inWord = false; // inside a token already counted as a word

  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 10; // the end closes the last sentence
    const kind = charClass(code);
    let sentenceEnd: number;
    if (code === 10) {
      sentenceEnd = lastVisible + 1;
    } else if (kind & SPACE) {
      inWord = false;
      continue;
    } else {
      if (sentenceStart < 0) sentenceStart = i;
      lastVisible = i;
      if (!inWord && kind & WORD) {
        inWord = true;
        words++;
      }
      if (!(kind & TERMINAL)) continue;
      let next = i + 1;
      while (next < length && charClass(text.charCodeAt(next)) & (TERMINAL | CLOSER)) next++;
      if (next < length && !(charClass(text.charCodeAt(next)) & SPACE)) continue; // "5.5", "example.com"
      sentenceEnd = next;
      i = next - 1;
    }
    if (sentenceStart >= 0 && sentenceEnd > sentenceStart) {
      sentences.push([sentenceStart, sentenceEnd]);
      wordCounts.push(words);
    }
    sentenceStart = -1;
    words = 0;
    inWord = false;
  }
  return { sentences, wordCounts };
}
