// Brand voice: sentence length, banned phrases, superlatives without a cited fact, contractions.
import type { AnchorHits } from './anchors.js';
import type { CompiledRules } from './brand-rules.js';
import { quote, type ViolationReport } from './report.js';
import { forEachMatch } from './text.js';

/**
 * What counts as citing a fact in the sentence of a superlative: a footnote marker (¹, [1], †,
 * ‡, or * right after a word), "(source: …)", "source: …" or "according to …".
 */
const CITATION = /[¹²³⁴⁵⁶⁷⁸⁹⁰]|\[\d{1,2}\]|[†‡]|(?<=[\p{L}\p{N})])\*(?![*\p{L}\p{N}])|\bsource\s*:|\baccording\s+to\b/u;
/**
 * "best" about the member ("your best run", "personal best") or in a sign-off ("all the best",
 * "best wishes") is not a claim about a product.
 */
const NOT_A_CLAIM_BEFORE = /\b(?:your|you['’]re|personal|all\s+the|at\s+(?:its|your|their)|my|his|her|their)\s+$/;
const NOT_A_CLAIM_AFTER = /^\s+(?:wishes|regards|of\s+luck)\b/;
const CONTEXT_CHARS = 16;

/** Expanded forms and the contraction a brand that prefers contractions would write. */
const CONTRACTION_OF: Readonly<Record<string, string>> = {
  'do not': "don't", 'does not': "doesn't", 'did not': "didn't", 'is not': "isn't", 'are not': "aren't",
  'was not': "wasn't", 'were not': "weren't", cannot: "can't", 'can not': "can't", 'will not': "won't",
  'would not': "wouldn't", 'should not': "shouldn't", 'could not': "couldn't", 'have not': "haven't",
  'has not': "hasn't", 'you are': "you're", 'we are': "we're", 'they are': "they're", 'i am': "I'm",
  'it is': "it's", 'that is': "that's", 'let us': "let's", 'you will': "you'll", 'we will': "we'll",
  'they will': "they'll", 'i will': "I'll",
};
const EXPANDED_FORM = new RegExp(`\\b(?:${Object.keys(CONTRACTION_OF).map((form) => form.replace(' ', '\\s+')).join('|')})\\b`, 'g');
/** Contractions; "'s" only after pronouns, where it cannot be a possessive. */
const CONTRACTION = /\b(?:[a-z]+n['’]t|(?:i|you|we|they|he|she|it|that|there|who|what)['’](?:re|ve|ll|d|m)|(?:it|that|let|what|here|there|who|he|she|where|how)['’]s)\b/g;

export function checkVoice(hits: AnchorHits, rules: CompiledRules, report: ViolationReport): void {
  const field = hits.field;
  const { text, lower } = field;
  const where = field.field;

  field.wordCounts.forEach((words, i) => {
    if (words <= rules.maxWordsPerSentence) return;
    const [start, end] = field.sentences[i]!;
    report.add('voice.sentence-too-long', where, [start, end], `This sentence has ${words} words; the brand limit is ${rules.maxWordsPerSentence}. Split it or cut words.`);
  });

  if (rules.bannedPhrases !== null) {
    hits.forEachMatch(rules.bannedPhrases, ({ start, end }) => {
      report.add('voice.banned-phrase', where, [start, end], `${quote(text.slice(start, end))} is on the brand's banned list: say what the member gains instead.`);
    });
  }

  if (rules.superlatives !== null && report.enabled('voice.uncited-superlative')) {
    hits.forEachMatch(rules.superlatives, ({ start, end, sentence }) => {
      if (NOT_A_CLAIM_BEFORE.test(lower.slice(Math.max(0, start - CONTEXT_CHARS), start)) || NOT_A_CLAIM_AFTER.test(lower.slice(end, end + CONTEXT_CHARS))) return;
      if (CITATION.test(sentence)) return;
      report.add(
        'voice.uncited-superlative',
        where,
        [start, end],
        `${quote(text.slice(start, end))} is a claim: cite the fact in the same sentence (a footnote like ¹ or [1], "(source: …)" or "according to …"), or drop it.`,
      );
    });
  }

  if (rules.contractions === 'prefer') {
    forEachMatch(EXPANDED_FORM, lower, (match) => {
      const end = match.index + match[0].length;
      const suggestion = CONTRACTION_OF[match[0].replace(/\s+/g, ' ')];
      report.add('voice.contraction-style', where, [match.index, end], `The brand voice uses contractions: write "${suggestion}" instead of ${quote(text.slice(match.index, end))}.`);
    });
  } else if (rules.contractions === 'avoid') {
    forEachMatch(CONTRACTION, lower, (match) => {
      const end = match.index + match[0].length;
      report.add('voice.contraction-style', where, [match.index, end], `The brand voice avoids contractions: write ${quote(text.slice(match.index, end))} out in full.`);
    });
  }
}
