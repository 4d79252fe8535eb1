import { describe, expect, it } from 'vitest';
import { fitPopularity } from '../../../src/models/affinity/index.js';

const DAY = 86_400_000;

describe('fitPopularity', () => {
  it('halves the weight of a purchase every half-life and ignores later events', () => {
    const asOf = 100 * DAY;
    const params = fitPopularity(
      { item: [0, 1, 1, 2], time: [asOf, asOf - 14 * DAY, asOf - 28 * DAY, asOf + DAY], weight: [1, 1, 2, 1] },
      3,
      { asOf, halfLifeDays: 14 },
    );
    expect(params.scores[0]).toBeCloseTo(1, 12);
    expect(params.scores[1]).toBeCloseTo(0.5 + 2 * 0.25, 12);
    expect(params.scores[2]).toBe(0);
  });
});
