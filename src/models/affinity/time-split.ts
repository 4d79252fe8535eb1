// A transaction log cut at a point in time into what a model may learn from (before) and what
// it is judged on (after). Definitions (docs/recommendations.md, "Evaluation"):
// - a purchase line is a non-cancellation line with quantity > 0; a cancellation line (invoice
//   "C…" or quantity < 0) subtracts its quantity from the member's strength for that product;
// - lines without a member count toward popularity only;
// - the relevant set of a member is the products they bought in the test window that they had
//   not bought before the cut; a member is evaluated when they made ≥ 1 purchase before the cut
//   and have ≥ 1 relevant product.
import type { PopularityEvents } from './popularity.js';
import { type CsrMatrix, csrFromTriples } from './sparse.js';

/** One line per invoice line, as plain typed arrays (indices into the loader's id tables). */
export interface TransactionLog {
  readonly users: number;
  readonly items: number;
  /** Member index, or −1 when the line has no member. */
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** ms since epoch. */
  readonly time: Float64Array;
  /** Units on the line (1 when the source has no quantity); negative on returns. */
  readonly quantity: Float64Array;
  /** 1 for a cancellation or return line. */
  readonly cancellation: Uint8Array;
}

export interface TimeSplit {
  readonly trainEnd: number;
  /** members × products: net units bought before the cut (cancellations subtracted, ≤ 0 dropped). */
  readonly interactions: CsrMatrix;
  /** members × products pattern: products with ≥ 1 purchase line before the cut. */
  readonly purchasedBefore: CsrMatrix;
  /** Purchase lines before the cut, with or without a member, weight 1 each. */
  readonly popularityEvents: PopularityEvents;
  /** members × products pattern: products first bought in [trainEnd, testEnd). */
  readonly relevant: CsrMatrix;
  /** Members with ≥ 1 purchase before the cut and ≥ 1 relevant product, ascending. */
  readonly evaluatedUsers: Int32Array;
}

export function isPurchaseLine(log: TransactionLog, line: number): boolean {
  return log.cancellation[line] === 0 && log.quantity[line]! > 0;
}

/** Cuts the log at trainEnd; test lines are those in [trainEnd, testEnd). */
export function timeSplit(log: TransactionLog, trainEnd: number, testEnd = Number.POSITIVE_INFINITY): TimeSplit {
  const strength = { user: [] as number[], item: [] as number[], value: [] as number[] };
  const bought = { user: [] as number[], item: [] as number[] };
  const popularity = { item: [] as number[], time: [] as number[] };
  for (let line = 0; line < log.user.length; line++) {
    if (log.time[line]! >= trainEnd) continue;
    const purchase = isPurchaseLine(log, line);
    if (purchase) {
      popularity.item.push(log.item[line]!);
      popularity.time.push(log.time[line]!);
    }
    const user = log.user[line]!;
    if (user < 0) continue;
    strength.user.push(user);
    strength.item.push(log.item[line]!);
    strength.value.push(purchase ? log.quantity[line]! : -Math.abs(log.quantity[line]!));
    if (purchase) {
      bought.user.push(user);
      bought.item.push(log.item[line]!);
    }
  }
  const interactions = csrFromTriples(log.users, log.items, strength.user, strength.item, strength.value);
  const purchasedBefore = patternOf(log, bought.user, bought.item);

  const seenBefore = new Set<number>();
  for (let u = 0; u < log.users; u++) {
    for (let k = purchasedBefore.rowStart[u]!; k < purchasedBefore.rowStart[u + 1]!; k++) seenBefore.add(u * log.items + purchasedBefore.colIndex[k]!);
  }
  const fresh = { user: [] as number[], item: [] as number[] };
  for (let line = 0; line < log.user.length; line++) {
    const user = log.user[line]!;
    const time = log.time[line]!;
    if (user < 0 || time < trainEnd || time >= testEnd || !isPurchaseLine(log, line)) continue;
    if (seenBefore.has(user * log.items + log.item[line]!)) continue;
    fresh.user.push(user);
    fresh.item.push(log.item[line]!);
  }
  const relevant = patternOf(log, fresh.user, fresh.item);

  const evaluated: number[] = [];
  for (let u = 0; u < log.users; u++) {
    const hasPast = purchasedBefore.rowStart[u + 1]! > purchasedBefore.rowStart[u]!;
    const hasNew = relevant.rowStart[u + 1]! > relevant.rowStart[u]!;
    if (hasPast && hasNew) evaluated.push(u);
  }
  return {
    trainEnd,
    interactions,
    purchasedBefore,
    popularityEvents: {
      item: Int32Array.from(popularity.item),
      time: Float64Array.from(popularity.time),
      weight: new Float64Array(popularity.item.length).fill(1),
    },
    relevant,
    evaluatedUsers: Int32Array.from(evaluated),
  };
}

/** A 0/1 members × products matrix marking the given (member, product) pairs. */
function patternOf(log: TransactionLog, users: number[], items: number[]): CsrMatrix {
  const matrix = csrFromTriples(log.users, log.items, users, items, new Float64Array(users.length).fill(1));
  return { ...matrix, values: new Float64Array(matrix.values.length).fill(1) };
}
