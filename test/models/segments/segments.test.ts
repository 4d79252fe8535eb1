import { describe, expect, it } from 'vitest';
import { createRng, randomNormal } from '../../../src/core/index.js';
import {
  MIN_RULE_SCORE, assignSegment, fitSegmentation, kMeans, nameCluster, newMemberAssignment, partialDistance, ruleScore, NAMING_RULES,
} from '../../../src/models/segments/index.js';

/** n rows around each centre (sd 0.3), in centre order. */
function blobs(centres: number[][], n: number, seed = 1): Float64Array[] {
  const rng = createRng(seed);
  return centres.flatMap((c) => Array.from({ length: n }, () => Float64Array.from(c, (x) => randomNormal(rng, x, 0.3))));
}

describe('k-means++ with missing values', () => {
  const centres = [[0, 0, 0], [5, 5, 0], [0, 5, 5]];
  const rows = blobs(centres, 50);

  it('recovers well-separated clusters exactly', () => {
    const { assignments, sizes } = kMeans(rows, { k: 3, seed: 3 });
    expect([...sizes].sort()).toEqual([50, 50, 50]);
    for (let b = 0; b < 3; b++) expect(new Set(assignments.slice(b * 50, b * 50 + 50)).size).toBe(1);
  });

  it('is deterministic for a seed', () => {
    const a = kMeans(rows, { k: 3, seed: 'same' });
    const b = kMeans(rows, { k: 3, seed: 'same' });
    expect(Array.from(b.assignments)).toEqual(Array.from(a.assignments));
    expect(b.centroids.map((c) => Array.from(c))).toEqual(a.centroids.map((c) => Array.from(c)));
  });

  it('measures distance over the values a row has, scaled to all dimensions', () => {
    expect(partialDistance([1, Number.NaN, 3], [0, 100, 0])).toBeCloseTo(((1 + 9) * 3) / 2, 12);
    expect(partialDistance([Number.NaN], [0])).toBe(Number.POSITIVE_INFINITY);
  });

  it('places a row with a hidden dimension by the dimensions it has', () => {
    const withHoles = rows.map((row, i) => (i % 3 === 0 ? Float64Array.from(row, (x, j) => (j === 2 ? Number.NaN : x)) : row));
    const { assignments } = kMeans(withHoles, { k: 3, seed: 3 });
    for (let b = 0; b < 3; b++) expect(new Set(assignments.slice(b * 50, b * 50 + 50)).size).toBe(1);
  });
});

describe('segment naming rules', () => {
  it('scores a rule by its weakest condition and needs every feature', () => {
    const enthusiasts = NAMING_RULES.find((r) => r.name === 'Enthusiasts')!;
    expect(ruleScore(enthusiasts, (f) => ({ engagement: 2, spend12m: 0.7 })[f])).toBe(0.7);
    expect(ruleScore(enthusiasts, (f) => ({ engagement: 2 })[f as 'engagement'])).toBeNull();
    const routine = NAMING_RULES.find((r) => r.name === 'Routine Buyers')!;
    expect(ruleScore(routine, (f) => ({ regularity: 1.5, orderValue: -0.8 })[f])).toBe(0.8);
  });

  it('names a cluster by the best rule, and leaves it unknown when no rule holds', () => {
    expect(nameCluster((f) => ({ browsing: 1.2, orders12m: -0.9, holidayShare: 0.3 })[f]).name).toBe('Browsers');
    expect(nameCluster((f) => ({ browsing: 1.2, orders12m: 0.5 })[f]).name).toBe('unknown');
    expect(nameCluster(() => MIN_RULE_SCORE / 2).name).toBe('unknown');
  });

  it('New Members by enrolment date only', () => {
    expect(newMemberAssignment(12.5)).toMatchObject({ name: 'New Members', reasons: [{ code: 'new_member', text: 'joined 12 days ago' }] });
    expect(newMemberAssignment(90)).toBeNull();
    expect(newMemberAssignment(null)).toBeNull();
  });
});

describe('segmentation', () => {
  const features = [
    { name: 'engagement', label: 'recent clicks on messages' },
    { name: 'spend12m', label: 'spend in the last 12 months' },
    { name: 'browsing', label: 'recent browsing' },
    { name: 'orders12m', label: 'orders in the last 12 months' },
  ];
  // Enthusiasts (engaged big spenders), Browsers (browse, no orders), quiet members.
  const rows = blobs([[3, 3, 1, 3], [0, 0, 4, 0], [0, 0.5, 0, 0.5]], 40, 5);

  it('names the clusters and gives each member the reasons that put them there', () => {
    const segmentation = fitSegmentation(features, rows, { k: 3, seed: 1 });
    expect(segmentation.clusters.map((c) => c.name).sort()).toEqual(['Browsers', 'Enthusiasts', 'unknown']);
    const enthusiast = assignSegment(segmentation, [3.1, 2.9, 1, 3]);
    expect(enthusiast.name).toBe('Enthusiasts');
    expect(enthusiast.reasons.map((r) => r.feature)).toEqual(['engagement', 'spend12m']);
    expect(enthusiast.reasons[0]!.text).toBe('recent clicks on messages: well above average');
    expect(assignSegment(segmentation, [0, 0.4, 0.1, 0.4])).toMatchObject({ name: 'unknown', reasons: [{ code: 'no_pattern' }] });
    // Browsing hidden: placed by the rest, and the reasons cite only what the member has.
    const hidden = assignSegment(segmentation, [0, 0, Number.NaN, 0]);
    expect(hidden.reasons.every((r) => r.feature !== 'browsing')).toBe(true);
  });
});
