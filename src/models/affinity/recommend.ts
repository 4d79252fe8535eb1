// The blended recommender: matrix factorisation ("members like you"), item-item similarity
// ("similar to what you bought") and recency-weighted popularity ("popular right now").
//
// Each component's scores are standardised per member (z-scores over all products), so the
// blend weights are comparable whatever the components' raw scales, and then summed with the
// weights. A component with no signal for the member (no history: no ALS vector, no neighbours)
// drops out, so a cold-start member gets pure popularity. Weights are tuned on a validation
// split (see evaluation.ts).
import { type AlsParams, alsUserVector, foldInUser, scoreAls } from './als.js';
import type { ItemFilter } from './filters.js';
import { type ItemKnnParams, scoreItemKnn } from './item-knn.js';
import type { PopularityParams } from './popularity.js';
import { type ItemLabel, type Reason, defaultItemLabel, membersLikeYou, popularNow, similarToInterests, similarToPurchased } from './reasons.js';
import type { SparseRow } from './sparse.js';
import { topK } from './top-k.js';

export interface BlendWeights {
  als: number;
  itemKnn: number;
  popularity: number;
}

export interface AffinityParams {
  readonly items: number;
  readonly als: AlsParams | null;
  readonly itemKnn: ItemKnnParams | null;
  readonly popularity: PopularityParams;
  readonly weights: BlendWeights;
}

export interface Member {
  /** The member's interaction strengths (purchases, optionally weaker signals added by the caller). */
  readonly history: SparseRow;
  /** The member's row in the ALS training matrix; when absent the member is folded in from history. */
  readonly trainedUser?: number;
  /** Products the member bought: excluded when asked, and the only products a reason may name. */
  readonly purchased: ArrayLike<number>;
}

/** Per-member standardised component scores; null where a component has no signal for the member. */
export interface ComponentScores {
  readonly als: Float64Array | null;
  readonly itemKnn: Float64Array | null;
  /** For each product, the member's product that contributed most to its item-kNN score (−1: none). */
  readonly itemKnnAnchor: Int32Array | null;
  readonly popularity: Float64Array | null;
}

const COMPONENTS = ['als', 'itemKnn', 'popularity'] as const;
type Component = (typeof COMPONENTS)[number];

export function componentScores(params: AffinityParams, member: Member, weights: BlendWeights = params.weights): ComponentScores {
  const hasHistory = member.history.cols.length > 0;
  let als: Float64Array | null = null;
  if (params.als && weights.als > 0 && (member.trainedUser !== undefined || hasHistory)) {
    const vector = member.trainedUser !== undefined ? alsUserVector(params.als, member.trainedUser) : foldInUser(params.als, member.history);
    als = standardize(scoreAls(params.als, vector));
  }
  let itemKnn: Float64Array | null = null;
  let itemKnnAnchor: Int32Array | null = null;
  if (params.itemKnn && weights.itemKnn > 0 && hasHistory) {
    const knn = scoreItemKnn(params.itemKnn, member.history);
    itemKnn = standardize(knn.scores);
    itemKnnAnchor = itemKnn ? knn.anchor : null;
  }
  const popularity = weights.popularity > 0 ? standardizedPopularity(params.popularity) : null;
  return { als, itemKnn, itemKnnAnchor, popularity };
}

/** Popularity is the same for every member: standardise it once per fitted model. */
const popularityCache = new WeakMap<PopularityParams, Float64Array | null>();

function standardizedPopularity(popularity: PopularityParams): Float64Array | null {
  if (!popularityCache.has(popularity)) {
    // The log tames the heavy tail of best sellers before standardising.
    popularityCache.set(popularity, standardize(popularity.scores.map(Math.log1p)));
  }
  return popularityCache.get(popularity) ?? null;
}

/** (scores − mean) / standard deviation, in place; null when the scores are all equal (no signal). */
function standardize(scores: Float64Array): Float64Array | null {
  const n = scores.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += scores[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (scores[i]! - mean) ** 2;
  const sd = Math.sqrt(variance / n);
  if (!(sd > 1e-12)) return null;
  for (let i = 0; i < n; i++) scores[i] = (scores[i]! - mean) / sd;
  return scores;
}

/** Σ weight · standardised score over the components that have a signal. */
export function blendScores(components: ComponentScores, weights: BlendWeights, out: Float64Array): Float64Array {
  out.fill(0);
  addWeighted(out, components.als, weights.als);
  addWeighted(out, components.itemKnn, weights.itemKnn);
  addWeighted(out, components.popularity, weights.popularity);
  return out;
}

function addWeighted(out: Float64Array, scores: Float64Array | null, weight: number): void {
  if (!scores || weight === 0) return;
  for (let i = 0; i < out.length; i++) out[i]! += weight * scores[i]!;
}

export interface RecommendOptions {
  count: number;
  /** Leave out products the member already bought. */
  excludePurchased: boolean;
  filter?: ItemFilter;
  itemLabel?: ItemLabel;
}

export interface Recommendation {
  readonly item: number;
  readonly score: number;
  /** Strongest first; model reasons, then facts the filter verified. */
  readonly reasons: Reason[];
}

/** A component is cited when it supplied at least this share of the product's positive score. */
const CITED_SHARE = 0.2;

export function recommend(params: AffinityParams, member: Member, options: RecommendOptions): Recommendation[] {
  const components = componentScores(params, member);
  const blended = blendScores(components, params.weights, new Float64Array(params.items));
  const purchased = new Uint8Array(params.items);
  for (let k = 0; k < member.purchased.length; k++) purchased[member.purchased[k] as number] = 1;
  const filter = options.filter;
  const accepts = (item: number): boolean => (!options.excludePurchased || !purchased[item]) && (!filter || filter.accepts(item));
  const label = options.itemLabel ?? defaultItemLabel;
  return Array.from(topK(blended, options.count, accepts), (item) => ({
    item,
    score: blended[item]!,
    reasons: [...modelReasons(components, params.weights, item, purchased, label), ...(filter?.verified?.(item) ?? [])],
  }));
}

function modelReasons(components: ComponentScores, weights: BlendWeights, item: number, purchased: Uint8Array, label: ItemLabel): Reason[] {
  const contributions: Array<{ name: Component; value: number }> = [];
  let positive = 0;
  for (const name of COMPONENTS) {
    const scores = components[name];
    if (!scores) continue;
    const value = weights[name] * scores[item]!;
    if (value > 0) {
      contributions.push({ name, value });
      positive += value;
    }
  }
  return contributions
    .filter((c) => c.value >= CITED_SHARE * positive)
    .sort((a, b) => b.value - a.value)
    .map((c) => {
      if (c.name === 'als') return membersLikeYou();
      if (c.name === 'popularity') return popularNow();
      const anchor = components.itemKnnAnchor?.[item] ?? -1;
      return anchor >= 0 && purchased[anchor] ? similarToPurchased(anchor, label) : similarToInterests();
    });
}

export interface CategoryAffinity {
  readonly category: string;
  readonly score: number;
  /** The recommended products of this category, best first. */
  readonly items: number[];
}

/**
 * Ranks categories from a member's product recommendations: each product votes for its
 * category with the rank discount 1 / log2(rank + 1) used by nDCG, so a category is strong when
 * it holds several of the member's best products.
 */
export function rankCategories(
  recommendations: readonly Recommendation[],
  categoryOf: (item: number) => string | undefined,
  count: number,
): CategoryAffinity[] {
  const byCategory = new Map<string, { score: number; items: number[] }>();
  recommendations.forEach((rec, rank) => {
    const category = categoryOf(rec.item);
    if (category === undefined) return;
    const entry = byCategory.get(category) ?? { score: 0, items: [] };
    entry.score += 1 / Math.log2(rank + 2);
    entry.items.push(rec.item);
    byCategory.set(category, entry);
  });
  return [...byCategory.entries()]
    .map(([category, entry]) => ({ category, ...entry }))
    .sort((a, b) => b.score - a.score || a.category.localeCompare(b.category))
    .slice(0, count);
}
