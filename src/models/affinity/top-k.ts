// Top-k selection with a bounded min-heap: O(n log k), no full sort of the candidate list.

/**
 * Indices of the k highest scores among those `accepts` lets through, best first. Ties are
 * broken by the lower index so that results are deterministic.
 */
export function topK(
  scores: ArrayLike<number>,
  k: number,
  accepts: (index: number) => boolean = () => true,
  candidates?: ArrayLike<number>,
): Int32Array {
  const heapIndex = new Int32Array(k);
  const heapScore = new Float64Array(k);
  let size = 0;
  // "a is worse than b": lower score, or equal score and higher index.
  const worse = (sa: number, ia: number, sb: number, ib: number): boolean => sa < sb || (sa === sb && ia > ib);

  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < size && worse(heapScore[left]!, heapIndex[left]!, heapScore[smallest]!, heapIndex[smallest]!)) smallest = left;
      if (right < size && worse(heapScore[right]!, heapIndex[right]!, heapScore[smallest]!, heapIndex[smallest]!)) smallest = right;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  const siftUp = (from: number): void => {
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heapScore[i]!, heapIndex[i]!, heapScore[parent]!, heapIndex[parent]!)) return;
      swap(i, parent);
      i = parent;
    }
  };
  const swap = (a: number, b: number): void => {
    const ti = heapIndex[a]!;
    heapIndex[a] = heapIndex[b]!;
    heapIndex[b] = ti;
    const ts = heapScore[a]!;
    heapScore[a] = heapScore[b]!;
    heapScore[b] = ts;
  };

  const count = candidates ? candidates.length : scores.length;
  if (k <= 0) return new Int32Array(0);
  for (let n = 0; n < count; n++) {
    const index = candidates ? (candidates[n] as number) : n;
    const score = scores[index] as number;
    if (Number.isNaN(score) || !accepts(index)) continue;
    if (size < k) {
      heapIndex[size] = index;
      heapScore[size] = score;
      siftUp(size++);
    } else if (worse(heapScore[0]!, heapIndex[0]!, score, index)) {
      heapIndex[0] = index;
      heapScore[0] = score;
      siftDown(0);
    }
  }
  // Pop the heap from worst to best, filling the result from the back.
  const result = new Int32Array(size);
  for (let out = size - 1; out >= 0; out--) {
    result[out] = heapIndex[0]!;
    size--;
    heapIndex[0] = heapIndex[size]!;
    heapScore[0] = heapScore[size]!;
    siftDown(0);
  }
  return result;
}
