import { describe, expect, it } from 'vitest';
import { csrFromTriples, fitItemKnn, scoreItemKnn } from '../../../src/models/affinity/index.js';

// members × products: m0 bought p0, p1; m1 bought p0, p1, p2; m2 bought p2, p3 (one unit each)
const matrix = csrFromTriples(3, 4, [0, 0, 1, 1, 1, 2, 2], [0, 1, 0, 1, 2, 2, 3], [1, 1, 1, 1, 1, 1, 1]);

function neighboursOf(params: ReturnType<typeof fitItemKnn>, item: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = params.neighbourStart[item]!; k < params.neighbourStart[item + 1]!; k++) out.push([params.neighbour[k]!, params.similarity[k]!]);
  return out;
}

describe('fitItemKnn', () => {
  it('keeps cosine neighbours, most similar first, never the item itself', () => {
    const params = fitItemKnn(matrix, { neighbours: 10, shrinkage: 0 });
    const n0 = neighboursOf(params, 0);
    expect(n0.map(([j]) => j)).toEqual([1, 2]);
    expect(n0[0]![1]).toBeCloseTo(1, 12); // same buyers
    expect(n0[1]![1]).toBeCloseTo(0.5, 12); // one shared buyer of two each
    const n3 = neighboursOf(params, 3);
    expect(n3.map(([j]) => j)).toEqual([2]);
    expect(n3[0]![1]).toBeCloseTo(1 / Math.SQRT2, 12);
  });

  it('shrinks similarities resting on few buyers and caps the neighbour count', () => {
    const params = fitItemKnn(matrix, { neighbours: 1, shrinkage: 1 });
    const w2 = Math.LN2 ** 2;
    expect(neighboursOf(params, 0)).toEqual([[1, expect.closeTo((2 * w2) / (2 * w2 + 1), 12)]]);
  });
});

describe('scoreItemKnn', () => {
  it('sums weighted similarities and remembers the strongest contributing product', () => {
    const params = fitItemKnn(matrix, { neighbours: 10, shrinkage: 0 });
    const history = { cols: Int32Array.from([0, 3]), values: Float64Array.from([1, 3]) };
    const { scores, anchor } = scoreItemKnn(params, history);
    expect(scores[1]).toBeCloseTo(Math.LN2 * 1, 12);
    // p2 gets 0.5·log 2 from p0 and (1/√2)·log 4 from p3: p3 is the anchor
    expect(scores[2]).toBeCloseTo(0.5 * Math.LN2 + Math.log(4) / Math.SQRT2, 12);
    expect(anchor[2]).toBe(3);
    expect(anchor[1]).toBe(0);
    expect(scores[0]).toBe(0);
    expect(anchor[0]).toBe(-1);
  });
});
