// Product affinity over the stored members: item-item similarity fitted on what sampled members
// recently bought (and viewed, where their tier allows browsing), blended with recency-weighted
// popularity for cold starts, filtered by the live catalog (in stock, in the member's stated
// size). The rollups keep each member's ten latest purchases and views, which is what weekly
// scoring has. ALS is left out of weekly scoring: folding a member in costs O(products × factors),
// about 20× item-kNN, and the history here is short (see docs/understand.md).
import type { DataClass, Product } from '../core/index.js';
import { MODEL_INPUTS, interestsOf, statedSize, viewOf, type MemberSnapshot } from '../features/index.js';
import {
  catalogFilter, csrFromTriples, fitItemKnn, fitPopularity, recommend, type AffinityParams, type BlendWeights, type Recommendation,
  type ReasonCode,
} from '../models/affinity/index.js';

export interface AffinityModel {
  /** Product id of each item index. */
  productIds: string[];
  params: AffinityParams;
}

/** The tuned UCI blend (ALS 0.3, item-kNN 0.2, popularity 0.5) without ALS, renormalised. */
export const AFFINITY_WEIGHTS: BlendWeights = { als: 0, itemKnn: 0.2 / 0.7, popularity: 0.5 / 0.7 };
export const POPULARITY_HALF_LIFE_DAYS = 14;
export const TOP_PRODUCTS = 5;

export function trainAffinity(sample: readonly MemberSnapshot[], now: number, catalog: readonly Product[]): { model: AffinityModel; metrics: Record<string, number> } {
  const index = new Map<string, number>();
  const itemOf = (id: string): number => {
    let item = index.get(id);
    if (item === undefined) {
      item = index.size;
      index.set(id, item);
    }
    return item;
  };
  for (const product of catalog) itemOf(product.id);
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  const bought = { item: [] as number[], time: [] as number[], weight: [] as number[] };
  let members = 0;
  for (const member of sample) {
    const interests = interestsOf(viewOf(member, MODEL_INPUTS.affinity));
    if (interests.length === 0) continue;
    for (const interest of interests) {
      const item = itemOf(interest.productId);
      rows.push(members);
      cols.push(item);
      values.push(interest.weight);
      if (interest.bought) {
        bought.item.push(item);
        bought.time.push(interest.at);
        bought.weight.push(1);
      }
    }
    members++;
  }
  const items = index.size;
  const matrix = csrFromTriples(members, items, rows, cols, values);
  const params: AffinityParams = {
    items,
    als: null,
    itemKnn: members > 0 ? fitItemKnn(matrix) : null,
    popularity: fitPopularity(bought, items, { asOf: now, halfLifeDays: POPULARITY_HALF_LIFE_DAYS }),
    weights: AFFINITY_WEIGHTS,
  };
  return { model: { productIds: [...index.keys()], params }, metrics: { members, products: items, interactions: matrix.values.length } };
}

export interface TopProductReason {
  code: ReasonCode;
  text: string;
  /** The product bought that this one is similar to (similar_to_purchased only). */
  anchorProductId?: string;
}

export interface TopProduct {
  productId: string;
  name: string;
  score: number;
  reasons: TopProductReason[];
}

export type ProductRanker = (member: MemberSnapshot) => { topProducts: TopProduct[]; basis: DataClass[] };

/**
 * A ranker over one model and catalog. Members without any allowed history all get the same
 * popularity list (per stated size), computed once.
 */
export function productRanker(model: AffinityModel, catalog: readonly Product[], count = TOP_PRODUCTS): ProductRanker {
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const index = new Map(model.productIds.map((id, item) => [id, item]));
  const productOf = (item: number): Product | undefined => byId.get(model.productIds[item] as string);
  const coldStart = new Map<string | null, TopProduct[]>();
  return (member) => {
    const view = viewOf(member, MODEL_INPUTS.affinity);
    const size = statedSize(view);
    const strengths = new Map<number, number>();
    const purchased: number[] = [];
    const names = new Map<number, string>();
    const used = new Set<DataClass>(size === null ? [] : ['stated']);
    for (const interest of interestsOf(view)) {
      const item = index.get(interest.productId);
      used.add(interest.bought ? 'purchase' : 'browsing');
      if (item === undefined) continue;
      strengths.set(item, (strengths.get(item) ?? 0) + interest.weight);
      if (interest.bought) purchased.push(item);
    }
    for (const p of view.stats.recentProducts ?? []) if (p.name !== undefined && index.has(p.productId)) names.set(index.get(p.productId) as number, p.name);
    const basis = [...used].sort();
    if (strengths.size === 0) {
      const cached = coldStart.get(size);
      if (cached !== undefined) return { topProducts: cached, basis };
    }
    const cols = Int32Array.from([...strengths.keys()].sort((a, b) => a - b));
    const history = { cols, values: Float64Array.from(cols, (c) => strengths.get(c) as number) };
    const label = (item: number): string => productOf(item)?.name ?? names.get(item) ?? (model.productIds[item] as string);
    const recommendations = recommend(model.params, { history, purchased }, {
      count, excludePurchased: true, filter: catalogFilter(productOf, size), itemLabel: label,
    });
    const topProducts = recommendations.map((r) => toTopProduct(model, r, label));
    if (strengths.size === 0) coldStart.set(size, topProducts);
    return { topProducts, basis };
  };
}

function toTopProduct(model: AffinityModel, r: Recommendation, label: (item: number) => string): TopProduct {
  return {
    productId: model.productIds[r.item] as string,
    name: label(r.item),
    score: r.score,
    reasons: r.reasons.map((reason) => ({
      code: reason.code,
      text: reason.text,
      ...(reason.anchorItem !== undefined ? { anchorProductId: model.productIds[reason.anchorItem] as string } : {}),
    })),
  };
}
