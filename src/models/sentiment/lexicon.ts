// The vendored VADER lexicons (see ./data/README.md for their source and license). They are
// JSON modules, so they load once at import time and `tsc` copies them into dist/.
import vaderLexicon from './data/vader-lexicon.json' with { type: 'json' };
import emojiLexicon from './data/emoji-lexicon.json' with { type: 'json' };

function toMap<V>(entries: unknown, isValue: (value: unknown) => value is V, name: string): ReadonlyMap<string, V> {
  if (!Array.isArray(entries)) throw new Error(`${name}: entries must be an array`);
  const map = new Map<string, V>();
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isValue(entry[1])) {
      throw new Error(`${name}: malformed entry ${JSON.stringify(entry)}`);
    }
    map.set(entry[0], entry[1]);
  }
  return map;
}

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Token → mean human valence rating in [−4, 4] (7,506 words, emoticons, slang, acronyms): the
 * 2018 lexicon plus the entries the reference commit added since (see the file's `additions`).
 */
export const VALENCE: ReadonlyMap<string, number> = toMap(
  [...vaderLexicon.entries, ...vaderLexicon.additions.entries], isNumber, 'vader-lexicon');

/** Single-code-point emoji → its Unicode short name ("😡" → "pouting face"). */
export const EMOJI_DESCRIPTIONS: ReadonlyMap<string, string> = toMap(emojiLexicon.entries, isString, 'emoji-lexicon');
