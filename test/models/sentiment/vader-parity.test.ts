// Conformance with the reference implementation (cjhutto/vaderSentiment @ 44fc044c): its
// neg/neu/pos/compound for all 23,703 texts of the VADER ground-truth corpora (Hutto & Gilbert
// 2014), in ../shared/data/sentiment. Skips when the shared data is absent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { polarityScores, type PolarityScores } from '../../../src/models/sentiment/index.js';
import { hasSharedData, sharedData } from '../../support/shared-data.js';

const CORPORA = ['tweets', 'movieReviewSnippets', 'amazonReviewSnippets', 'nytEditorialSnippets'] as const;

interface GroundTruthText {
  corpus: string;
  id: string;
  humanMean: number;
  text: string;
}

/** `<corpus>_GroundTruth.txt`: id, mean human rating (−4…4), text; tab separated, CRLF lines. */
function readCorpus(corpus: string): GroundTruthText[] {
  return readFileSync(sharedData('sentiment', `${corpus}_GroundTruth.txt`), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => {
      const [id, humanMean, text] = line.split('\t');
      return { corpus, id: id!, humanMean: Number(humanMean), text: text! };
    });
}

/** `vader_reference_scores.tsv`: corpus, id, neg, neu, pos, compound (header line first). */
function readReferenceScores(): Map<string, PolarityScores> {
  const lines = readFileSync(sharedData('sentiment', 'vader_reference_scores.tsv'), 'utf8').trim().split('\n');
  const scores = new Map<string, PolarityScores>();
  for (const line of lines.slice(1)) {
    const [corpus, id, neg, neu, pos, compound] = line.split('\t');
    scores.set(`${corpus}/${id}`, { neg: Number(neg), neu: Number(neu), pos: Number(pos), compound: Number(compound) });
  }
  return scores;
}

function pearson(xs: number[], ys: number[]): number {
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, k) => {
    const dx = x - mx;
    const dy = ys[k]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe.skipIf(!hasSharedData('sentiment', 'vader_reference_scores.tsv'))('VADER parity with the reference', () => {
  it('reproduces neg, neu, pos and compound exactly on all four corpora', () => {
    const reference = readReferenceScores();
    expect(reference.size).toBe(23_703);
    const texts = CORPORA.flatMap(readCorpus);
    expect(texts).toHaveLength(23_703);
    const differences = texts
      .map(({ corpus, id, text }) => ({ key: `${corpus}/${id}`, text, ours: polarityScores(text), theirs: reference.get(`${corpus}/${id}`) }))
      .filter(({ ours, theirs }) => JSON.stringify(ours) !== JSON.stringify(theirs));
    expect(differences.slice(0, 10)).toEqual([]);
    expect(differences).toHaveLength(0);
  });

  it('correlates with the human mean on tweets as the reference does (r ≈ 0.872)', () => {
    const tweets = readCorpus('tweets');
    const r = pearson(tweets.map(({ text }) => polarityScores(text).compound), tweets.map(({ humanMean }) => humanMean));
    expect(r).toBeCloseTo(0.8722, 4);
  });
});
