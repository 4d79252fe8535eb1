import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJourneys } from '../../src/cli/commands/measure-loader.js';
import {
  type Attribution,
  type Journey,
  absorptionFromStart,
  attribute,
  attributionModels,
  buildMarkovChain,
  collapseRepeats,
  markovAttribution,
  shapleyAttribution,
  touchWeights,
} from '../../src/measure/index.js';
import { hasSharedData, sharedData } from '../support/shared-data.js';
import { runMeasureCli } from './run-measure-cli.js';

const journey = (path: string, conversions: number, value = conversions, nulls = 0, timestamps?: number[]): Journey => ({
  channels: path.split(' > ').filter((c) => c !== ''),
  conversions,
  value,
  nulls,
  ...(timestamps ? { timestamps } : {}),
});

const total = (a: Attribution, key: 'conversions' | 'value') => Object.values(a).reduce((s, c) => s + c[key], 0);

/** Linear credit over the distinct channels of each journey — what Shapley must equal. */
function uniqueLinear(journeys: readonly Journey[]): Map<string, { conversions: number; value: number }> {
  const credit = new Map<string, { conversions: number; value: number }>();
  for (const j of journeys) {
    const unique = [...new Set(j.channels)];
    for (const c of unique) {
      const entry = credit.get(c) ?? { conversions: 0, value: 0 };
      entry.conversions += j.conversions / unique.length;
      entry.value += j.value / unique.length;
      credit.set(c, entry);
    }
  }
  return credit;
}

describe('rule-based models', () => {
  it('first, last and linear count every touch, repeats included', () => {
    const journeys = [journey('a > b > a', 3, 30), journey('b', 1, 5)];
    expect(attribute(journeys, 'first')).toEqual({ a: { conversions: 3, value: 30 }, b: { conversions: 1, value: 5 } });
    expect(attribute(journeys, 'last')).toEqual({ a: { conversions: 3, value: 30 }, b: { conversions: 1, value: 5 } });
    const linear = attribute(journeys, 'linear');
    expect(linear.a!.conversions).toBeCloseTo(2, 12);
    expect(linear.b!.conversions).toBeCloseTo(2, 12);
    expect(linear.a!.value).toBeCloseTo(20, 12);
  });

  it('position-based: 40/20/40, one touch takes all, two touches split 50/50', () => {
    expect(touchWeights('position', journey('a', 1))).toEqual([1]);
    expect(touchWeights('position', journey('a > b', 1))).toEqual([0.5, 0.5]);
    expect(touchWeights('position', journey('a > b > c', 1))).toEqual([0.4, 0.2, 0.4]);
    const five = touchWeights('position', journey('a > b > c > d > e', 1));
    expect(five[0]).toBe(0.4);
    expect(five[4]).toBe(0.4);
    expect(five[2]).toBeCloseTo(0.2 / 3, 15);
  });

  it('time decay halves the weight per half-life, by position or by timestamp', () => {
    const byPosition = touchWeights('time-decay', journey('a > b > c', 1), { halfLife: 1 });
    // raw weights 1/4, 1/2, 1 → divided by 7/4
    expect(byPosition[0]).toBeCloseTo(1 / 7, 14);
    expect(byPosition[1]).toBeCloseTo(2 / 7, 14);
    expect(byPosition[2]).toBeCloseTo(4 / 7, 14);
    // Touches at days 0, 6 and 7 with a 7-day half-life: ages 7, 1, 0.
    const byTime = touchWeights('time-decay', journey('a > b > c', 1, 1, 0, [0, 6, 7]), { halfLife: 7 });
    const raw = [0.5, 2 ** (-1 / 7), 1];
    const sum = raw.reduce((a, b) => a + b, 0);
    byTime.forEach((w, i) => expect(w).toBeCloseTo(raw[i]! / sum, 14));
    expect(() => touchWeights('time-decay', journey('a', 1), { halfLife: 0 })).toThrow(RangeError);
  });

  it('every model hands out exactly the conversions and value of the converting journeys', () => {
    const journeys = [journey('a > b > c > b', 2, 7, 1), journey('c > a', 1, 2, 4), journey('b', 0, 0, 5), journey('d > d', 1, 1)];
    for (const model of attributionModels) {
      const credit = attribute(journeys, model);
      expect(Object.keys(credit)).toEqual(['a', 'b', 'c', 'd']);
      expect(total(credit, 'conversions')).toBeCloseTo(4, 10);
      expect(total(credit, 'value')).toBeCloseTo(10, 10);
    }
  });

  it('rejects malformed journeys', () => {
    expect(() => attribute([journey('a', -1)], 'linear')).toThrow(/conversions/);
    expect(() => attribute([journey('a > b', 1, 1, 0, [1])], 'time-decay')).toThrow(/timestamps/);
  });
});

describe('Markov removal effects', () => {
  it('collapses repeated consecutive channels', () => {
    expect(collapseRepeats(['a', 'a', 'b', 'b', 'a'])).toEqual(['a', 'b', 'a']);
  });

  it('solves small chains by hand', () => {
    // start→a (2); a→conv (1), a→b (1); b→null (1). P(conv) = 1/2; without b still 1/2.
    const result = markovAttribution([journey('a', 1, 10), journey('a > b', 0, 0, 1)]);
    expect(result.a).toEqual({ conversions: 1, value: 10, removalEffect: 1 });
    expect(result.b!.conversions).toBe(0);
    expect(result.b!.removalEffect).toBeCloseTo(0, 14);
    // a > b converts once, a alone fails once: both channels are necessary, equal credit.
    const both = markovAttribution([journey('a > b', 1, 4), journey('a', 0, 0, 1)]);
    expect(both.a!.conversions).toBeCloseTo(0.5, 14);
    expect(both.b!.removalEffect).toBeCloseTo(1, 14);
  });

  it('conversion probability equals the chain simulated step by step (power iteration)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            channels: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 6 }),
            conversions: fc.integer({ min: 0, max: 5 }),
            nulls: fc.integer({ min: 0, max: 5 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (raw) => {
          const journeys = raw.map((r) => ({ ...r, value: r.conversions }));
          const chain = buildMarkovChain(journeys);
          const exact = absorptionFromStart(chain).conversion;
          // Distribute the start mass through the chain until it has (nearly) all been absorbed.
          let mass = Float64Array.from({ length: chain.size }, (_, i) => (i === 0 ? 1 : 0));
          let converted = 0;
          for (let step = 0; step < 5000; step++) {
            const next = new Float64Array(chain.size);
            for (let i = 0; i < chain.size; i++) {
              converted += mass[i]! * chain.toConversion[i]!;
              for (let j = 0; j < chain.size; j++) next[j]! += mass[i]! * chain.transitions[i * chain.size + j]!;
            }
            mass = next;
          }
          expect(exact).toBeCloseTo(converted, 6);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('Shapley values', () => {
  it('equal linear credit over each journey\'s distinct channels (random journeys)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            channels: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { minLength: 1, maxLength: 8 }),
            conversions: fc.integer({ min: 0, max: 20 }),
            value: fc.double({ min: 0, max: 100, noNaN: true }),
            nulls: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        (journeys) => {
          const shapley = shapleyAttribution(journeys);
          const expected = uniqueLinear(journeys.filter((j) => j.conversions > 0 || j.value > 0));
          for (const [name, credit] of Object.entries(shapley)) {
            expect(credit.conversions).toBeCloseTo(expected.get(name)?.conversions ?? 0, 8);
            expect(credit.value).toBeCloseTo(expected.get(name)?.value ?? 0, 7);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('sampled orders approach the exact values (seeded, reproducible)', () => {
    const journeys = [journey('a > b', 10, 10), journey('b > c > d', 6, 6), journey('a', 3, 3), journey('c > a > d > b', 8, 8)];
    const exact = shapleyAttribution(journeys);
    const sampled = shapleyAttribution(journeys, { maxExactChannels: 0, samples: 20000, seed: 3 });
    for (const name of ['a', 'b', 'c', 'd']) expect(Math.abs(sampled[name]!.conversions - exact[name]!.conversions)).toBeLessThan(0.25);
    expect(shapleyAttribution(journeys, { maxExactChannels: 0, samples: 500, seed: 3 })).toEqual(
      shapleyAttribution(journeys, { maxExactChannels: 0, samples: 500, seed: 3 }),
    );
  });
});

describe.skipIf(!hasSharedData('attribution', 'paths.csv'))('conformance on paths.csv', () => {
  const file = sharedData('attribution', 'paths.csv');
  const journeys = readJourneys(file);

  it('reads 10,000 journeys with 19,785 conversions', () => {
    expect(journeys).toHaveLength(10_000);
    expect(journeys.reduce((s, j) => s + j.conversions, 0)).toBe(19_785);
  });

  it('first, last and linear touch for alpha', () => {
    expect(attribute(journeys, 'first').alpha!.conversions).toBeCloseTo(6308, 9);
    expect(attribute(journeys, 'last').alpha!.conversions).toBeCloseTo(8447, 9);
    expect(attribute(journeys, 'linear').alpha!.conversions).toBeCloseTo(7574.719, 3);
  });

  it('exact Markov: alpha 5344.95 conversions, removal effect 0.5584', () => {
    const markov = attribute(journeys, 'markov');
    expect(Math.abs(markov.alpha!.conversions / 5344.95 - 1)).toBeLessThan(0.001);
    expect(markov.alpha!.removalEffect).toBeCloseTo(0.5584, 4);
    expect(total(markov, 'conversions')).toBeCloseTo(19_785, 6);
  });

  it('Shapley equals linear credit over unique channels', () => {
    const shapley = attribute(journeys, 'shapley');
    const expected = uniqueLinear(journeys.filter((j) => j.conversions > 0 || j.value > 0));
    expect(Object.keys(shapley)).toHaveLength(12);
    for (const [name, credit] of Object.entries(shapley)) {
      expect(credit.conversions).toBeCloseTo(expected.get(name)!.conversions, 6);
      expect(credit.value).toBeCloseTo(expected.get(name)!.value, 6);
    }
  });

  it('attune attribution --json reads the file as is', () => {
    const result = runMeasureCli(['attribution', '--paths', file, '--model', 'markov', '--json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.model).toBe('markov');
    expect(report.channels.alpha.conversions).toBeCloseTo(attribute(journeys, 'markov').alpha!.conversions, 9);
    expect(report.channels.alpha.removalEffect).toBeCloseTo(0.5584, 4);
    const first = JSON.parse(runMeasureCli(['attribution', '--paths', file, '--sep', ';', '--model', 'first', '--json']).stdout);
    expect(first.channels.alpha).toEqual({ conversions: 6308, value: expect.any(Number) });
  });
});

describe('attune attribution option checks', () => {
  it('names the flag of an unknown model', () => {
    const result = runMeasureCli(['attribution', '--paths', 'x.csv', '--model', 'magic']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--model: must be one of first, last/);
  });
});
