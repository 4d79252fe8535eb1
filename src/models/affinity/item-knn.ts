// Item-item collaborative filtering: products are similar when the same members buy them.
// Similarity is a shrunk cosine between the item columns of the (log-scaled) interaction
// matrix; only each item's top-k neighbours are kept, so the model is O(items × k).
import { type CsrMatrix, type SparseRow, transpose } from './sparse.js';
import { topK } from './top-k.js';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  neighbours: number;
  /** Added to the cosine's denominator: damps similarities resting on very few common buyers. */
  shrinkage: number;
}

export const DEFAULT_ITEM_KNN_OPTIONS: ItemKnnOptions = { neighbours: 30, shrinkage: 10 };

export interface ItemKnnParams {
  readonly items: number;
  /** Neighbours of item i are neighbour[neighbourStart[i] … neighbourStart[i + 1] − 1], most similar first. */
  readonly neighbourStart: Int32Array;
  readonly neighbour: Int32Array;
  readonly similarity: Float64Array;
}

/** Interaction strength → weight: the log keeps one bulk buyer from dominating a product's vector. */
export function interactionWeight(strength: number): number {
  return Math.log1p(strength);
}

/** Fits the neighbour lists from a members × items matrix of interaction strengths. */
export function fitItemKnn(interactions: CsrMatrix, options: Partial<ItemKnnOptions> = {}): ItemKnnParams {
  const { neighbours, shrinkage } = { ...DEFAULT_ITEM_KNN_OPTIONS, ...options };
  const items = interactions.cols;
  const byItem = transpose(interactions);
  const rowWeight = interactions.values.map(interactionWeight); // by member row
  const itemWeight = byItem.values.map(interactionWeight); // by product row (the transpose)
  const norm = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    let sum = 0;
    for (let k = byItem.rowStart[i]!; k < byItem.rowStart[i + 1]!; k++) sum += itemWeight[k]! ** 2;
    norm[i] = Math.sqrt(sum);
  }

  const neighbourStart = new Int32Array(items + 1);
  const neighbourList: number[] = [];
  const similarityList: number[] = [];
  const dot = new Float64Array(items);
  const touched = new Int32Array(items);
  const isTouched = new Uint8Array(items);
  for (let i = 0; i < items; i++) {
    // dot[j] = Σ_u w_ui · w_uj over the members u who interacted with item i.
    let touchedCount = 0;
    for (let k = byItem.rowStart[i]!; k < byItem.rowStart[i + 1]!; k++) {
      const member = byItem.colIndex[k]!;
      const wi = itemWeight[k]!;
      for (let m = interactions.rowStart[member]!; m < interactions.rowStart[member + 1]!; m++) {
        const j = interactions.colIndex[m]!;
        if (j === i) continue;
        if (!isTouched[j]) {
          isTouched[j] = 1;
          touched[touchedCount++] = j;
        }
        dot[j]! += wi * rowWeight[m]!;
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      dot[j] = dot[j]! / (norm[i]! * norm[j]! + shrinkage);
    }
    const best = topK(dot, neighbours, undefined, touched.subarray(0, touchedCount));
    for (const j of best) {
      neighbourList.push(j);
      similarityList.push(dot[j]!);
    }
    neighbourStart[i + 1] = neighbourList.length;
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      dot[j] = 0;
      isTouched[j] = 0;
    }
  }
  return {
    items,
    neighbourStart,
    neighbour: Int32Array.from(neighbourList),
    similarity: Float64Array.from(similarityList),
  };
}

/** Scores of every item for one member, and for each item the history item that contributed most. */
export interface ItemKnnScores {
  readonly scores: Float64Array;
  /** anchor[j] = the member's item that contributed most to scores[j], or −1 when scores[j] is 0. */
  readonly anchor: Int32Array;
}

/** score(j) = Σ over the member's items i of weight(r_i) · similarity(i, j). */
export function scoreItemKnn(params: ItemKnnParams, history: SparseRow): ItemKnnScores {
  const scores = new Float64Array(params.items);
  const anchor = new Int32Array(params.items).fill(-1);
  const bestContribution = new Float64Array(params.items);
  for (let h = 0; h < history.cols.length; h++) {
    const i = history.cols[h]!;
    const wi = interactionWeight(history.values[h]!);
    for (let k = params.neighbourStart[i]!; k < params.neighbourStart[i + 1]!; k++) {
      const j = params.neighbour[k]!;
      const contribution = wi * params.similarity[k]!;
      scores[j]! += contribution;
      if (contribution > bestContribution[j]!) {
        bestContribution[j] = contribution;
        anchor[j] = i;
      }
    }
  }
  return { scores, anchor };
}
