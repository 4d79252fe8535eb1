// Speed: most rules look for phrases that rarely occur. Each scanner names its anchors — words
// (or marks like "$") at least one of which is inside every match of its pattern. One pass of
// a single regex over the text finds which anchors occur in which sentences; a scanner's full
// pattern then runs only on those sentences. Cost stays linear in the text and small when the
// copy is clean (DESIGN.md §7: every message is linted before it is queued).
import { forEachMatch, phraseSource, type FieldText } from './text.js';

export interface Scanner {
  /** The full pattern, for lower-cased text, global; a match never crosses a sentence end. */
  readonly pattern: RegExp;
  /** Lower-case words; every match of `pattern` contains one of them as a whole word. */
  readonly anchors: readonly string[];
  /**
   * Regex sources of non-word anchors ("[$€£]", "\\d:\\d"); every match without an anchor word
   * contains one. A mark starting with a letter must not also match where an anchor word starts.
   */
  readonly marks?: readonly string[];
  /** Non-global regexes a sentence must also match before the pattern runs on it (cheap cue checks). */
  readonly requires?: readonly RegExp[];
}

/** A match of a scanner's pattern with offsets into the field. */
export interface ScanMatch {
  readonly start: number;
  readonly end: number;
  /** The lower-cased sentence the match was found in, for checks on its neighbourhood. */
  readonly sentence: string;
  /** Where that sentence starts in the field. */
  readonly sentenceStart: number;
  readonly groups: Readonly<Record<string, string | undefined>>;
}

const NO_GROUPS: Readonly<Record<string, string | undefined>> = {};

/** The anchors of a fixed set of scanners, compiled into one regex. Build once, at module load. */
export class AnchorIndex {
  private readonly bitOf = new Map<Scanner, number>();
  private readonly maskOfWord = new Map<string, number>();
  /** Each mark, sticky, with the scanners it opens: several marks may match at one position. */
  private readonly marks: Array<{ regex: RegExp; mask: number }> = [];
  private readonly regex: RegExp;

  constructor(scanners: readonly Scanner[]) {
    if (scanners.length > 31) throw new Error('an AnchorIndex holds at most 31 scanners (one bit each)');
    scanners.forEach((scanner, i) => {
      const bit = 1 << i;
      this.bitOf.set(scanner, bit);
      for (const word of scanner.anchors) this.maskOfWord.set(word, (this.maskOfWord.get(word) ?? 0) | bit);
      for (const mark of scanner.marks ?? []) this.marks.push({ regex: new RegExp(mark, 'y'), mask: bit });
    });
    const markSources = this.marks.map(({ regex }) => `(?:${regex.source})`);
    this.regex = new RegExp([`\\b${trieSource([...this.maskOfWord.keys()])}\\b`, ...markSources].join('|'), 'g');
  }

  /** Which sentences of the field hold an anchor of each scanner. */
  locate(field: FieldText): AnchorHits {
    const { lower, sentences } = field;
    const sentencesByBit = new Map<number, number[]>();
    let sentence = 0;
    this.regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = this.regex.exec(lower)) !== null) {
      // Look again from the next character: an anchor may start inside this one ("$", "2:14:33").
      this.regex.lastIndex = match.index + 1;
      while (sentence < sentences.length && match.index >= sentences[sentence]![1]) sentence++;
      if (sentence === sentences.length) break;
      if (match.index < sentences[sentence]![0]) continue;
      const word = this.maskOfWord.get(match[0]);
      // The regex picks one alternative per position; marks that start there too must count.
      const mask = word !== undefined && isLetter(match[0].charCodeAt(0)) ? word : (word ?? 0) | this.marksAt(lower, match.index);
      for (let bits = mask; bits !== 0; bits &= bits - 1) {
        const bit = bits & -bits;
        const list = sentencesByBit.get(bit);
        if (list === undefined) sentencesByBit.set(bit, [sentence]);
        else if (list[list.length - 1] !== sentence) list.push(sentence);
      }
    }
    return new AnchorHits(field, this.bitOf, sentencesByBit);
  }

  private marksAt(lower: string, index: number): number {
    let mask = 0;
    for (const mark of this.marks) {
      mark.regex.lastIndex = index;
      if (mark.regex.test(lower)) mask |= mark.mask;
    }
    return mask;
  }
}

function isLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

export class AnchorHits {
  constructor(
    readonly field: FieldText,
    private readonly bitOf: ReadonlyMap<Scanner, number>,
    private readonly sentencesByBit: ReadonlyMap<number, readonly number[]>,
  ) {}

  /** Calls `visit` for each match of the scanner's pattern, in the sentences holding its anchors. */
  forEachMatch(scanner: Scanner, visit: (match: ScanMatch) => void): void {
    const bit = this.bitOf.get(scanner);
    if (bit === undefined) throw new Error('scanner is not part of this AnchorIndex');
    const sentences = this.sentencesByBit.get(bit);
    if (sentences === undefined) return;
    for (const index of sentences) {
      const [start, end] = this.field.sentences[index]!;
      const sentence = this.field.lower.slice(start, end);
      if (scanner.requires !== undefined && !scanner.requires.every((cue) => cue.test(sentence))) continue;
      forEachMatch(scanner.pattern, sentence, (match) => {
        visit({ start: start + match.index, end: start + match.index + match[0].length, sentence, sentenceStart: start, groups: match.groups ?? NO_GROUPS });
      });
    }
  }

  /** True when the scanner's pattern matches anywhere in the field. */
  has(scanner: Scanner): boolean {
    let found = false;
    this.forEachMatch(scanner, () => {
      found = true;
    });
    return found;
  }
}

interface TrieNode {
  children: Map<string, TrieNode>;
  isWord: boolean;
}

/**
 * The words as one regex shaped like a trie ("a(?:bout|fford)|b(?:aby|est)…") instead of a flat
 * list of alternatives: the engine then follows one branch per character instead of trying
 * hundreds of words at every position. Words are lower-case letters and digits.
 */
function trieSource(words: readonly string[]): string {
  const root: TrieNode = { children: new Map(), isWord: false };
  for (const word of words) {
    let node = root;
    for (const char of word) {
      let child = node.children.get(char);
      if (child === undefined) {
        child = { children: new Map(), isWord: false };
        node.children.set(char, child);
      }
      node = child;
    }
    node.isWord = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.children].sort(([a], [b]) => a.localeCompare(b)).map(([char, child]) => `${char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${emit(child)}`);
    if (branches.length === 0) return '';
    const group = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    const needsGroup = branches.length === 1 && branches[0]!.length > 1;
    // A word may end here, so what follows is optional; `\b` after the trie rejects partial words.
    if (node.isWord) return `${needsGroup ? `(?:${group})` : group}?`;
    return group;
  };
  return `(?:${emit(root)})`;
}

/**
 * A scanner for configured phrases (banned phrases, superlatives, AI disclosures). A phrase's
 * first word is its anchor; a phrase that starts with a mark ("#1") is its own anchor.
 */
export function phraseScanner(phrases: readonly string[]): Scanner | null {
  const usable = phrases.map((phrase) => phrase.trim().toLowerCase()).filter((phrase) => phrase.length > 0);
  if (usable.length === 0) return null;
  const anchors: string[] = [];
  const marks: string[] = [];
  for (const phrase of usable) {
    const firstWord = /^[a-z0-9]+/.exec(phrase);
    if (firstWord === null) marks.push(phraseSource(phrase));
    else anchors.push(firstWord[0]);
  }
  const sources = [...usable].sort((a, b) => b.length - a.length).map(phraseSource);
  return { pattern: new RegExp(sources.join('|'), 'g'), anchors, marks };
}
