// VADER rules, checked against valences worked out by hand from the lexicon (good 1.9,
// bad −2.5, nice 1.8, okay 0.9, crying −2.1) and the constants of Hutto & Gilbert (2014).
import { describe, expect, it } from 'vitest';
import { analyzeSentiment, polarityScores } from '../../../src/models/sentiment/index.js';

/** compound = sum / sqrt(sum² + 15), as in the reference. */
const compoundOf = (sum: number): number => sum / Math.sqrt(sum * sum + 15);

describe('polarityScores', () => {
  it('scores a plain sentence: proportions and compound', () => {
    // valences [0, 0, 0, 1.9]: pos = 2.9 / 5.9, neu = 3 / 5.9
    expect(polarityScores('The book was good.')).toEqual({ neg: 0, neu: 0.508, pos: 0.492, compound: 0.4404 });
  });

  it('returns zeros for empty or whitespace-only text', () => {
    expect(polarityScores('')).toEqual({ neg: 0, neu: 0, pos: 0, compound: 0 });
    expect(polarityScores(' \t\n')).toEqual({ neg: 0, neu: 0, pos: 0, compound: 0 });
  });

  it('negates a word after a negation, contraction or "no"', () => {
    expect(polarityScores('The book was not good.').compound).toBeCloseTo(compoundOf(1.9 * -0.74), 4);
    expect(polarityScores("The book wasn't good.").compound).toBeCloseTo(compoundOf(1.9 * -0.74), 4);
    // "no" before a lexicon word becomes a negator instead of counting −1.2 itself
    expect(analyzeSentiment('no good').valences).toEqual([0, 1.9 * -0.74]);
  });

  it('applies boosters, dampeners and multi-word dampeners', () => {
    expect(analyzeSentiment('The book was very good').valences.at(-1)).toBeCloseTo(1.9 + 0.293, 10);
    expect(analyzeSentiment('The book was slightly good').valences.at(-1)).toBeCloseTo(1.9 - 0.293, 10);
    // "very" two words back counts 95%
    expect(analyzeSentiment('The book was very very good').valences.at(-1)).toBeCloseTo(1.9 + 0.293 + 0.293 * 0.95, 10);
    expect(polarityScores('The book was kind of good.').compound).toBeCloseTo(compoundOf(1.9 - 0.293), 4);
  });

  it('emphasises ALL CAPS words only when other words are not in caps', () => {
    expect(analyzeSentiment('The book was GOOD').valences.at(-1)).toBeCloseTo(1.9 + 0.733, 10);
    expect(analyzeSentiment('THE BOOK WAS GOOD').valences.at(-1)).toBe(1.9);
  });

  it('adds punctuation emphasis in the direction of the sentiment', () => {
    expect(polarityScores('The book was good!!').compound).toBeCloseTo(compoundOf(1.9 + 2 * 0.292), 4);
    expect(polarityScores('The book was good!!!!!!').compound).toBeCloseTo(compoundOf(1.9 + 4 * 0.292), 4);
    expect(polarityScores('The book was bad??').compound).toBeCloseTo(compoundOf(-2.5 - 2 * 0.18), 4);
    expect(polarityScores('The book was bad?????').compound).toBeCloseTo(compoundOf(-2.5 - 0.96), 4);
    expect(polarityScores('The book was bad?').compound).toBeCloseTo(compoundOf(-2.5), 4);
  });

  it('weights words after "but" more than words before it', () => {
    expect(analyzeSentiment('good but bad').valences).toEqual([0.95, 0, -3.75]);
  });

  it('keeps the reference quirk of "but" updating the first equal valence', () => {
    // nice (1.8) is halved to 0.9, then okay's 0.9 is found at index 0 and halved again
    expect(analyzeSentiment('nice but okay').valences).toEqual([0.45, 0, 0.9]);
  });

  it('treats "least" as a negation except in "at least"', () => {
    expect(analyzeSentiment('the least good').valences.at(-1)).toBeCloseTo(1.9 * -0.74, 10);
    expect(analyzeSentiment('at least good').valences.at(-1)).toBe(1.9);
  });

  it('intensifies "never so good" and applies special-case idioms', () => {
    expect(analyzeSentiment('never so good').valences.at(-1)).toBeCloseTo((1.9 + 0.293) * 1.25, 10);
    // "the shit" is +3 although "shit" alone is −2.6
    expect(analyzeSentiment('This movie is the shit').valences.at(-1)).toBe(3);
    expect(analyzeSentiment('This movie is shit').valences.at(-1)).toBe(-2.6);
  });

  it('keeps emoticons whole and strips punctuation around words', () => {
    expect(analyzeSentiment(':) good!!!').tokens).toEqual([':)', 'good']);
    expect(analyzeSentiment(':)').valences[0]).toBeGreaterThan(0);
  });

  it('replaces emoji by their descriptions, as the reference does', () => {
    expect(polarityScores('😢')).toEqual(polarityScores('crying face'));
    // a space is inserted before a description that follows a non-space, none after it
    expect(analyzeSentiment('so sad😢ok').tokens).toEqual(['so', 'sad', 'crying', 'faceok']);
    expect(analyzeSentiment('👍').tokens).toEqual(['thumbs', 'up']);
    expect(analyzeSentiment('🦰').tokens).toEqual(['red-haired']);
  });
});
