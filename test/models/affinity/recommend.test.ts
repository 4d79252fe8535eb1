import { describe, expect, it } from 'vitest';
import type { Product } from '../../../src/core/catalog.js';
import {
  type AffinityParams,
  type BlendWeights,
  type Member,
  catalogFilter,
  csrFromTriples,
  fitAls,
  fitItemKnn,
  fitPopularity,
  rankCategories,
  recommend,
  sparseRow,
} from '../../../src/models/affinity/index.js';

// Products: 0 mug, 1 teapot, 2 saucer (bought together), 3 socks, 4 scarf (bought together), 5 candle (best seller).
const names = ['Mug', 'Teapot', 'Saucer', 'Socks', 'Scarf', 'Candle'];
const interactions = csrFromTriples(
  6,
  6,
  [0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5],
  [0, 1, 2, 0, 1, 1, 2, 3, 4, 3, 4, 4],
  [2, 1, 1, 1, 3, 1, 1, 1, 1, 2, 1, 1],
);
const DAY = 86_400_000;
const asOf = 1000 * DAY;
const popularity = fitPopularity({ item: [5, 5, 5, 5, 3, 0], time: [asOf, asOf, asOf, asOf - DAY, asOf, asOf - 50 * DAY], weight: [1, 1, 1, 1, 1, 1] }, 6, { asOf, halfLifeDays: 7 });

function model(weights: BlendWeights): AffinityParams {
  return {
    items: 6,
    als: fitAls(interactions, { factors: 3, iterations: 10, regularization: 0.1, alpha: 5 }),
    itemKnn: fitItemKnn(interactions, { neighbours: 5, shrinkage: 0 }),
    popularity,
    weights,
  };
}
const memberOf = (user: number): Member => ({ history: sparseRow(interactions, user), trainedUser: user, purchased: sparseRow(interactions, user).cols });
const noHistory: Member = { history: { cols: new Int32Array(0), values: new Float64Array(0) }, purchased: [] };
const label = (item: number): string => names[item]!;

describe('recommend', () => {
  it('gives a cold-start member the popular products, citing popularity only', () => {
    const recs = recommend(model({ als: 0.4, itemKnn: 0.3, popularity: 0.3 }), noHistory, { count: 3, excludePurchased: true });
    expect(recs.map((r) => r.item)).toEqual([5, 3, 0]);
    expect(recs[0]!.reasons.map((r) => r.code)).toEqual(['popular_now']);
    expect(recs[1]!.reasons.map((r) => r.code)).toEqual(['popular_now']);
    // The mug sold once, seven weeks ago: below the average product, so not "popular right now".
    expect(recs[2]!.reasons).toEqual([]);
  });

  it('names the bought product a recommendation is similar to, and cites nothing it did not use', () => {
    const recs = recommend(model({ als: 0, itemKnn: 1, popularity: 0 }), memberOf(1), { count: 1, excludePurchased: true, itemLabel: label });
    expect(recs[0]!.item).toBe(2);
    expect(recs[0]!.reasons).toEqual([{ code: 'similar_to_purchased', anchorItem: 1, text: 'Similar to Teapot you bought' }]);
  });

  it('cites members like you for the factor model and folds in a member it was not trained on', () => {
    const params = model({ als: 1, itemKnn: 0, popularity: 0 });
    const trained = recommend(params, memberOf(3), { count: 2, excludePurchased: false });
    const folded = recommend(params, { history: sparseRow(interactions, 3), purchased: sparseRow(interactions, 3).cols }, { count: 2, excludePurchased: false });
    expect(trained[0]!.reasons.map((r) => r.code)).toEqual(['members_like_you']);
    expect(folded.map((r) => r.item)).toEqual(trained.map((r) => r.item));
  });

  it('excludes bought products only when asked', () => {
    const params = model({ als: 0.5, itemKnn: 0.5, popularity: 0 });
    const excluded = recommend(params, memberOf(0), { count: 6, excludePurchased: true }).map((r) => r.item);
    expect(excluded.some((item) => [0, 1, 2].includes(item))).toBe(false);
    const kept = recommend(params, memberOf(0), { count: 6, excludePurchased: false }).map((r) => r.item);
    expect(kept.slice(0, 3).sort()).toEqual([0, 1, 2]);
  });

  it('does not name a product the member never bought (a weaker signal added by the caller)', () => {
    // The member only viewed the teapot: the signal is there, the purchase is not.
    const viewer: Member = { history: { cols: Int32Array.from([1]), values: Float64Array.from([0.2]) }, purchased: [] };
    const recs = recommend(model({ als: 0, itemKnn: 1, popularity: 0 }), viewer, { count: 1, excludePurchased: true, itemLabel: label });
    expect(recs[0]!.reasons.map((r) => r.code)).toEqual(['similar_to_interests']);
    expect(recs[0]!.reasons[0]!.text).not.toContain('Teapot');
  });
});

describe('catalogFilter', () => {
  const product = (id: number, inventory: number | null, sizes: string[]): Product => ({
    id: String(id), name: names[id]!, category: id < 3 ? 'kitchen' : 'apparel', price: 10, currency: 'EUR', inventory, sizes, margin: null, url: null,
  });
  const catalog: Array<Product | undefined> = [product(0, 5, []), product(1, 0, []), product(2, null, []), product(3, 4, ['S', 'M']), product(4, 9, ['L']), undefined];

  it('keeps in-stock products in the member’s size and says so only when both were checked', () => {
    const filter = catalogFilter((item) => catalog[item], ' m ');
    expect([0, 1, 2, 3, 4, 5].filter((item) => filter.accepts(item))).toEqual([0, 2, 3]);
    expect(filter.verified!(3).map((r) => r.code)).toEqual(['in_stock_in_your_size']);
    expect(filter.verified!(0).map((r) => r.code)).toEqual(['in_stock']);
    expect(filter.verified!(2)).toEqual([]); // inventory not tracked: no stock claim
  });

  it('does not judge sizes when the member stated none', () => {
    const filter = catalogFilter((item) => catalog[item], null);
    expect(filter.accepts(4)).toBe(true);
    expect(filter.verified!(4).map((r) => r.code)).toEqual(['in_stock']);
  });

  it('applies inside recommend and appends the verified facts to the reasons', () => {
    const filter = catalogFilter((item) => catalog[item], 'M');
    const recs = recommend(model({ als: 0, itemKnn: 0, popularity: 1 }), noHistory, { count: 6, excludePurchased: true, filter });
    expect(recs.map((r) => r.item)).toEqual([3, 0, 2]);
    expect(recs[0]!.reasons.map((r) => r.code)).toEqual(['popular_now', 'in_stock_in_your_size']);
  });
});

describe('rankCategories', () => {
  it('ranks categories by rank-discounted votes of the recommended products', () => {
    const recs = [3, 0, 1, 4].map((item, rank) => ({ item, score: 4 - rank, reasons: [] }));
    const categories = rankCategories(recs, (item) => (item < 3 ? 'kitchen' : 'apparel'), 5);
    expect(categories.map((c) => c.category)).toEqual(['apparel', 'kitchen']);
    expect(categories[0]!.score).toBeCloseTo(1 + 1 / Math.log2(5), 12);
    expect(categories[1]!.items).toEqual([0, 1]);
  });
});
