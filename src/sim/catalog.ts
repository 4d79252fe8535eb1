// The Athena catalog: ~320 products built from the tables in catalog-data.ts, with the
// relationships that make recommendations meaningful — complements (trail shoes → trail socks,
// a hydration vest) and progressions (a first 5K → 10K → half marathon → trails).
import type { Product } from '../core/catalog.js';
import { createRng, randomInt, randomNormal, type Rng } from '../core/random.js';
import {
  CATEGORIES, CATEGORY_IDS, PROGRESSIONS, STAGE_IDS, type CategorySpec, type ProductKind, type StageId,
} from './catalog-data.js';

export interface SimCatalog {
  products: Product[];
  categories: readonly CategorySpec[];
  /** Index into `categories` of each product. */
  categoryIndex: Uint8Array;
  /** Index into STAGE_IDS of the progression stage each product serves; −1 when none. */
  stageIndex: Int8Array;
  /** Price position within the category: 0 = cheapest … 1 = dearest. */
  priceTier: Float32Array;
  /** Base popularity weight: a few best sellers and a long tail. */
  popularity: Float32Array;
  productsByCategory: number[][];
  productsByStage: number[][];
  /** Up to COMPLEMENTS_PER_PRODUCT products that go with each product: the best match from each complementary category, strongest category first. */
  complements: number[][];
  indexById: ReadonlyMap<string, number>;
}

export const COMPLEMENTS_PER_PRODUCT = 4;
const SHOP_URL = 'https://athena.example/p/';
const OUT_OF_STOCK_SHARE = 0.03;

interface Draft {
  product: Product;
  category: number;
  stage: number;
  tags: readonly string[];
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A retail-looking price: whole dollars under $50, multiples of $5 above. */
function retailPrice(value: number): number {
  return value < 50 ? Math.round(value) : Math.round(value / 5) * 5;
}

function draftsOfKind(rng: Rng, category: CategorySpec, categoryIndex: number, kind: ProductKind, usedModels: Set<string>): Draft[] {
  const drafts: Draft[] = [];
  const models = category.models.filter((model) => !usedModels.has(`${model}|${kind.name}`));
  for (let i = 0; i < kind.count; i++) {
    const price = kind.faceValues?.[i] ?? retailPrice(kind.price[0] + rng.next() * (kind.price[1] - kind.price[0]));
    let name: string;
    if (kind.faceValues !== undefined) {
      name = `${category.models[0]} $${price} ${kind.name}`;
    } else {
      const model = models.splice(randomInt(rng, models.length), 1)[0];
      if (model === undefined) throw new Error(`catalog-data: ${category.id} has too few models for ${kind.count} × ${kind.name}`);
      usedModels.add(`${model}|${kind.name}`);
      name = kind.versioned === true ? `${model} ${2 + randomInt(rng, 6)} ${kind.name}` : `${model} ${kind.name}`;
    }
    const id = slug(name);
    const margin = category.margin === null ? null : Math.round((category.margin[0] + rng.next() * (category.margin[1] - category.margin[0])) * 100) / 100;
    const inventory = category.margin === null ? null : rng.next() < OUT_OF_STOCK_SHARE ? 0 : 10 + Math.round(Math.exp(randomNormal(rng, 5, 0.7)));
    drafts.push({
      product: { id, name, category: category.id, price, currency: 'USD', inventory, sizes: [...category.sizes], margin, url: `${SHOP_URL}${id}` },
      category: categoryIndex,
      stage: kind.stage === undefined ? -1 : STAGE_IDS.indexOf(kind.stage),
      tags: kind.tags ?? [],
    });
  }
  return drafts;
}

/** The best match from each complementary category in turn (shared tags first), then the next best overall. */
function complementsOf(rng: Rng, drafts: readonly Draft[], self: number, byCategory: readonly number[][]): number[] {
  const own = drafts[self] as Draft;
  const ranked = (CATEGORIES[own.category] as CategorySpec).complements.map((categoryId) =>
    (byCategory[CATEGORY_IDS.indexOf(categoryId)] ?? [])
      .filter((index) => index !== self)
      .map((index) => ({ index, score: (drafts[index] as Draft).tags.filter((tag) => own.tags.includes(tag)).length + 0.5 * rng.next() }))
      .sort((a, b) => b.score - a.score || a.index - b.index));
  const chosen: number[] = [];
  for (let round = 0; chosen.length < COMPLEMENTS_PER_PRODUCT && ranked.some((list) => list.length > round); round++) {
    for (const list of ranked) {
      const next = list[round];
      if (next !== undefined && chosen.length < COMPLEMENTS_PER_PRODUCT) chosen.push(next.index);
    }
  }
  return chosen;
}

/** The catalog for a seed; the same seed gives the same products, prices and relationships. */
export function buildCatalog(seed: number): SimCatalog {
  const rng = createRng(`athena-catalog:${seed}`);
  const drafts: Draft[] = [];
  CATEGORIES.forEach((category, categoryIndex) => {
    const usedModels = new Set<string>();
    for (const kind of category.kinds) drafts.push(...draftsOfKind(rng, category, categoryIndex, kind, usedModels));
  });

  const count = drafts.length;
  const productsByCategory: number[][] = CATEGORIES.map(() => []);
  const productsByStage: number[][] = STAGE_IDS.map(() => []);
  const categoryIndex = new Uint8Array(count);
  const stageIndex = new Int8Array(count);
  const popularity = new Float32Array(count);
  drafts.forEach((draft, i) => {
    categoryIndex[i] = draft.category;
    stageIndex[i] = draft.stage;
    popularity[i] = Math.exp(randomNormal(rng, 0, 0.8));
    (productsByCategory[draft.category] as number[]).push(i);
    if (draft.stage >= 0) (productsByStage[draft.stage] as number[]).push(i);
  });

  const priceTier = new Float32Array(count);
  for (const members of productsByCategory) {
    const prices = members.map((i) => (drafts[i] as Draft).product.price);
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    for (const i of members) priceTier[i] = high === low ? 0.5 : ((drafts[i] as Draft).product.price - low) / (high - low);
  }

  const indexById = new Map<string, number>();
  drafts.forEach((draft, i) => {
    if (indexById.has(draft.product.id)) throw new Error(`catalog: duplicate product id ${draft.product.id}`);
    indexById.set(draft.product.id, i);
  });

  return {
    products: drafts.map((d) => d.product),
    categories: CATEGORIES,
    categoryIndex,
    stageIndex,
    priceTier,
    popularity,
    productsByCategory,
    productsByStage,
    complements: drafts.map((_, i) => complementsOf(rng, drafts, i, productsByCategory)),
    indexById,
  };
}

/** The stage after `stage` in its progression, or null at the end (or for no stage). */
export function nextStage(stage: StageId | null): StageId | null {
  if (stage === null) return null;
  for (const progression of PROGRESSIONS) {
    const at = progression.stages.indexOf(stage);
    if (at >= 0) return progression.stages[at + 1] ?? null;
  }
  return null;
}
