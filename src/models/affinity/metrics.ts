// Top-k ranking metrics with binary relevance (a product is relevant when the member bought it
// in the test period). Definitions, for a ranked list L truncated to k and a relevant set R:
//   precision@k = |L ∩ R| / k                     (k, not |L|: a short list is not rewarded)
//   recall@k    = |L ∩ R| / |R|
//   nDCG@k      = Σ_{rank r ≤ k, L_r ∈ R} 1/log2(r + 1)  ÷  Σ_{r ≤ min(k, |R|)} 1/log2(r + 1)

export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
}

/** Metrics of one ranked list; `isRelevant` answers membership in R, whose size is relevantCount. */
export function rankingMetrics(
  ranked: ArrayLike<number>,
  isRelevant: (item: number) => boolean,
  relevantCount: number,
  k: number,
): RankingMetrics {
  if (relevantCount <= 0) throw new RangeError('rankingMetrics: the relevant set is empty');
  let hits = 0;
  let dcg = 0;
  const depth = Math.min(k, ranked.length);
  for (let r = 0; r < depth; r++) {
    if (isRelevant(ranked[r] as number)) {
      hits++;
      dcg += 1 / Math.log2(r + 2);
    }
  }
  let idealDcg = 0;
  for (let r = 0; r < Math.min(k, relevantCount); r++) idealDcg += 1 / Math.log2(r + 2);
  return { precision: hits / k, recall: hits / relevantCount, ndcg: dcg / idealDcg };
}

/** Running mean of per-member metrics. */
export class MetricsAccumulator {
  private sum: RankingMetrics = { precision: 0, recall: 0, ndcg: 0 };
  private count = 0;

  add(metrics: RankingMetrics): void {
    this.sum.precision += metrics.precision;
    this.sum.recall += metrics.recall;
    this.sum.ndcg += metrics.ndcg;
    this.count++;
  }

  get members(): number {
    return this.count;
  }

  mean(): RankingMetrics {
    const n = Math.max(this.count, 1);
    return { precision: this.sum.precision / n, recall: this.sum.recall / n, ndcg: this.sum.ndcg / n };
  }
}
