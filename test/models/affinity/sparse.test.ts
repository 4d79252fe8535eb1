import { describe, expect, it } from 'vitest';
import { csrFromTriples, sparseRow, transpose } from '../../../src/models/affinity/index.js';

describe('csrFromTriples', () => {
  it('sums duplicates, drops cells whose sum is not positive and sorts columns', () => {
    // row 0: (0,2)=1+2, (0,0)=5; row 1: (1,1)=4−4 dropped; row 2: (2,2)=−1 dropped
    const m = csrFromTriples(3, 3, [0, 0, 1, 0, 1, 2], [2, 0, 1, 2, 1, 2], [1, 5, 4, 2, -4, -1]);
    expect(Array.from(m.rowStart)).toEqual([0, 2, 2, 2]);
    expect(Array.from(sparseRow(m, 0).cols)).toEqual([0, 2]);
    expect(Array.from(sparseRow(m, 0).values)).toEqual([5, 3]);
    expect(sparseRow(m, 1).cols.length).toBe(0);
  });

  it('rejects entries outside the shape', () => {
    expect(() => csrFromTriples(2, 2, [2], [0], [1])).toThrow(RangeError);
    expect(() => csrFromTriples(2, 2, [0], [0, 1], [1])).toThrow(RangeError);
  });
});

describe('transpose', () => {
  it('swaps rows and columns and is an involution', () => {
    const m = csrFromTriples(2, 3, [0, 0, 1, 1], [0, 2, 1, 2], [1, 2, 3, 4]);
    const t = transpose(m);
    expect(t.rows).toBe(3);
    expect(t.cols).toBe(2);
    expect(Array.from(sparseRow(t, 2).cols)).toEqual([0, 1]);
    expect(Array.from(sparseRow(t, 2).values)).toEqual([2, 4]);
    const back = transpose(t);
    expect(Array.from(back.rowStart)).toEqual(Array.from(m.rowStart));
    expect(Array.from(back.colIndex)).toEqual(Array.from(m.colIndex));
    expect(Array.from(back.values)).toEqual(Array.from(m.values));
  });
});
