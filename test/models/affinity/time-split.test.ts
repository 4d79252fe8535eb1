import { describe, expect, it } from 'vitest';
import { type TransactionLog, sparseRow, timeSplit } from '../../../src/models/affinity/index.js';

// [member, product, time, quantity, cancellation]; the cut is at t = 10.
const lines: Array<[number, number, number, number, number]> = [
  [0, 0, 1, 2, 0], // m0 buys 2 × p0 …
  [0, 0, 2, -2, 1], // … and cancels them: no strength left, but p0 was bought
  [0, 1, 3, 1, 0],
  [-1, 2, 4, 5, 0], // no member: popularity only
  [1, 2, 5, 3, 0],
  [0, 0, 11, 1, 0], // bought before: not relevant
  [0, 3, 12, 1, 0], // new for m0: relevant
  [0, 3, 12.5, 1, 0], // a second line of the same product counts once
  [1, 3, 13, -1, 1], // a cancellation is not a purchase: m1 has nothing relevant
  [2, 1, 14, 1, 0], // m2 had no purchase before the cut: not evaluated
];

function logOf(rows: typeof lines): TransactionLog {
  return {
    users: 3,
    items: 4,
    user: Int32Array.from(rows.map((r) => r[0])),
    item: Int32Array.from(rows.map((r) => r[1])),
    time: Float64Array.from(rows.map((r) => r[2])),
    quantity: Float64Array.from(rows.map((r) => r[3])),
    cancellation: Uint8Array.from(rows.map((r) => r[4])),
  };
}

describe('timeSplit', () => {
  const split = timeSplit(logOf(lines), 10);

  it('nets cancellations out of the training strengths but remembers what was bought', () => {
    expect(Array.from(sparseRow(split.interactions, 0).cols)).toEqual([1]);
    expect(Array.from(sparseRow(split.interactions, 1).values)).toEqual([3]);
    expect(Array.from(sparseRow(split.purchasedBefore, 0).cols)).toEqual([0, 1]);
  });

  it('counts purchase lines without a member toward popularity', () => {
    expect(Array.from(split.popularityEvents.item)).toEqual([0, 1, 2, 2]);
    expect(Array.from(split.popularityEvents.weight)).toEqual([1, 1, 1, 1]);
  });

  it('judges members only on products they had not bought before the cut', () => {
    expect(Array.from(sparseRow(split.relevant, 0).cols)).toEqual([3]);
    expect(Array.from(split.evaluatedUsers)).toEqual([0]);
  });

  it('ends the test window at testEnd', () => {
    expect(timeSplit(logOf(lines), 10, 12).evaluatedUsers.length).toBe(0);
  });
});
