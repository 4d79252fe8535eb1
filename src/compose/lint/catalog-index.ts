// The catalog, indexed once per catalog version for the fact rules: products by id, and
// product names by their first word so mentions are found in one pass over a text.
import { isWordChar } from './text.js';
import type { CatalogProduct } from './types.js';

interface IndexedName {
  product: CatalogProduct;
  /** Trimmed and lower-cased, to compare with lower-cased text. */
  name: string;
}

export interface CatalogIndex {
  readonly byId: ReadonlyMap<string, CatalogProduct>;
  /** Lower-cased first word of a name → names starting with it, longest first. */
  readonly byFirstWord: ReadonlyMap<string, readonly IndexedName[]>;
  /** First characters of those words: most words of a text are skipped on this test alone. */
  readonly firstChars: ReadonlySet<number>;
}

/** A product name found in a text. */
export interface ProductMention {
  product: CatalogProduct;
  start: number;
  end: number;
}


export function indexCatalog(products: readonly CatalogProduct[]): CatalogIndex {
  const byId = new Map<string, CatalogProduct>();
  const byFirstWord = new Map<string, IndexedName[]>();
  const firstChars = new Set<number>();
  for (const product of products) {
    byId.set(product.id, product);
    const name = product.name.trim().toLowerCase();
    const firstWord = name.slice(0, wordEnd(name, 0));
    if (firstWord.length === 0) continue; // a name must start with a letter or digit to be found
    const list = byFirstWord.get(firstWord) ?? [];
    list.push({ product, name });
    byFirstWord.set(firstWord, list);
    firstChars.add(name.charCodeAt(0));
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.name.length - a.name.length);
  return { byId, byFirstWord, firstChars };
}

/**
 * Catalog product names in a lower-cased text (whole words), left to right, never
 * overlapping; a longer name wins over a shorter one starting at the same word. Offsets are
 * shifted by `offset`, the text's position in its field.
 */
export function findProductMentions(catalog: CatalogIndex, lower: string, offset = 0): ProductMention[] {
  const mentions: ProductMention[] = [];
  let i = 0;
  while (i < lower.length) {
    const code = lower.charCodeAt(i);
    if (!isWordChar(code)) {
      i++;
      continue;
    }
    const end = wordEnd(lower, i);
    const candidates = catalog.firstChars.has(code) ? catalog.byFirstWord.get(lower.slice(i, end)) : undefined;
    const found = candidates?.find(({ name }) => lower.startsWith(name, i) && !isWordChar(lower.charCodeAt(i + name.length)));
    if (found === undefined) {
      i = end;
      continue;
    }
    mentions.push({ product: found.product, start: offset + i, end: offset + i + found.name.length });
    i += found.name.length;
  }
  return mentions;
}

/** Index just past the run of letters and digits starting at `start`. */
function wordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  return end;
}

/** Units in stock: the fresher inventory map first, then the catalog; null when unknown. */
export function unitsInStock(catalog: CatalogIndex, inventory: ReadonlyMap<string, number | null> | undefined, productId: string): number | null {
  const fresh = inventory?.get(productId);
  if (fresh !== undefined) return fresh;
  return catalog.byId.get(productId)?.inventory ?? null;
}
