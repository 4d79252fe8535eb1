// Properties over generated text: the linter never throws and its spans stay inside the text;
// and the speed-up (anchors) never hides a match the full patterns would find.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scanner } from '../../../src/compose/lint/anchors.js';
import { BUILT_IN_SCANNERS, DEFAULT_RULES } from '../../../src/compose/lint/brand-rules.js';
import { lintMessage, RULES } from '../../../src/compose/lint/index.js';
import { FieldText, forEachMatch } from '../../../src/compose/lint/text.js';
import { CATALOG, PRODUCTS } from './support.js';

/** Pieces of copy that trigger (or nearly trigger) the rules, to mix with random text. */
const FRAGMENTS = [
  'You spent three minutes and twelve seconds looking at', 'at 11:47 PM on Tuesday', 'on 2/14', 'March 3rd at 9am', "Tuesday's sale",
  'You viewed this 5 times', 'your 4th visit', 'back for the third time', 'We noticed you were looking at', 'Still thinking about that dress?',
  'item #SKU-4721', 'sku4721', 'Our records show', 'ends in 02:14:33', '2h 14m 33s', 'Only 3 hours left', '{{countdown}}', '⏳', 'the clock is ticking',
  'may sell out soon', 'only 2 left', 'selling fast', 'while supplies last', "won't last", 'in high demand', '12 people are viewing this',
  'you browsed', 'in your cart', 'you bought', 'your recent purchase', 'you opened our last email', "you haven't opened", 'your recent complaint',
  'we predict', 'you might be about to', "you're running low", 'our model predicts', "since you're expecting", 'baby on the way', 'after your loss',
  'struggling with money', 'managing your diabetes', 'as a Christian', 'your coming out', 'Act now', 'don’t miss out', 'LAST CHANCE', 'best', '#1',
  'lowest price ever', 'best-selling¹', '(source: survey)', 'personal best', 'Merino Trail Running Socks', '$14', '$14.00', '14 USD', 'USD 15', '€48',
  'Wool Scarf', 'Strappy Block Heel', 'save $10', '$5 off', 'in six weeks', 'three weeks ago', 'a 10K race', 'Why this?', '{{why_url}}',
  'https://b.example/why/x', 'USD48', '48usd', '{{countdown_timer}}', 'SKUab12', 'item#4721', 'itemno4721', 'your searches', '9AM', '11:47pm', '2/14/2024', 'sku-88', 'twice', 'views', 'Unsubscribe: https://b.example/unsubscribe', 'Written with AI', "I'm a bot", 'We are', 'do not', "it's", 'you',
  'your', 'the', 'run', 'socks', 'dress', 'time', 'week', 'weeks', 'Tuesday', 'pm', '9am', '100% free', 'risk free',
];
const SEPARATORS = [' ', ' ', ' ', '. ', '! ', '? ', ', ', '\n', '\n\n', '', '… ', '" ', ': '];

const copy = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }), { maxLength: 40 })
  .chain((pieces) => fc.array(fc.constantFrom(...SEPARATORS), { minLength: pieces.length, maxLength: pieces.length }).map((separators) => pieces.map((piece, i) => piece + separators[i]).join('')));

describe('lintMessage on arbitrary copy', () => {
  it('never throws, and every span lies inside the field it names', () => {
    const listed = fc.array(
      fc.record({ id: fc.oneof(fc.constantFrom(...PRODUCTS.map((product) => product.id)), fc.string()), name: fc.oneof(fc.constantFrom(...PRODUCTS.map((p) => p.name)), fc.string()), price: fc.double({ min: 0, max: 1000, noNaN: true }) }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(
        copy,
        fc.option(copy, { nil: undefined }),
        fc.constantFrom('email', 'sms', 'push', 'in_app' as const),
        fc.constantFrom('basic', 'personalized', 'proactive' as const),
        fc.boolean(),
        fc.boolean(),
        listed,
        (body, subject, channel, tier, generated, recommendation, products) => {
          const result = lintMessage({ channel, subject, body, products }, { catalog: CATALOG, tier, generated, botSpeaking: false, recommendation });
          for (const violation of result.violations) {
            const text = violation.field === 'subject' ? subject ?? '' : body;
            const [start, end] = violation.span;
            expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
            expect(0 <= start && start <= end && end <= text.length).toBe(true);
            expect(RULES[violation.code].family).toBe(violation.rule);
          }
          expect(result.ok).toBe(result.violations.every((violation) => violation.severity === 'warning'));
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** Start offsets of a scanner's anchors in a text: words as whole words, and marks. */
function anchorStarts(scanner: Scanner, lower: string): number[] {
  const sources = [...(scanner.anchors.length > 0 ? [`\\b(?:${scanner.anchors.join('|')})\\b`] : []), ...(scanner.marks ?? [])];
  const regex = new RegExp(sources.join('|'), 'g');
  const starts: number[] = [];
  let match: RegExpExecArray | null;
  while ((match = regex.exec(lower)) !== null) {
    starts.push(match.index);
    regex.lastIndex = match.index + 1;
  }
  return starts;
}

describe('anchors', () => {
  const scanners = [...BUILT_IN_SCANNERS, DEFAULT_RULES.bannedPhrases!, DEFAULT_RULES.superlatives!, DEFAULT_RULES.aiDisclosure!];

  it('every match of every pattern holds one of its scanner’s anchors (so gating loses nothing)', () => {
    fc.assert(
      fc.property(copy, (text) => {
        const field = new FieldText('body', text);
        for (const [start, end] of field.sentences) {
          const sentence = field.lower.slice(start, end);
          for (const scanner of scanners) {
            const starts = anchorStarts(scanner, sentence);
            forEachMatch(scanner.pattern, sentence, (match) => {
              const inside = starts.some((at) => at >= match.index && at < match.index + Math.max(1, match[0].length));
              expect(inside, `${scanner.pattern.source.slice(0, 60)} matched ${JSON.stringify(match[0])} without an anchor`).toBe(true);
            });
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
