// Which products may be recommended to a member at all. The recommender takes any ItemFilter;
// catalogFilter builds the usual one (in stock, in the member's size) from plain catalog data.
import type { Product } from '../../core/catalog.js';
import { type Reason, availableInYourSize, inStock, inStockInYourSize } from './reasons.js';

export interface ItemFilter {
  accepts(item: number): boolean;
  /** Facts the filter checked for an accepted product, as reasons (e.g. "in stock in your size"). */
  verified?(item: number): Reason[];
}

/**
 * Products that can be sold to this member now: present in the catalog, not out of stock
 * (untracked inventory passes), and, for sized products, offered in the member's stated size
 * when the member stated one. Only facts that were actually checked become reasons.
 *
 * @param productOf the catalog entry of each model item index (undefined when not in the catalog)
 */
export function catalogFilter(productOf: (item: number) => Product | undefined, memberSize: string | null): ItemFilter {
  const size = memberSize === null ? null : normalizeSize(memberSize);
  const inSize = (product: Product): boolean | null =>
    size === null || product.sizes.length === 0 ? null : product.sizes.some((s) => normalizeSize(s) === size);
  return {
    accepts(item) {
      const product = productOf(item);
      if (!product) return false;
      if (product.inventory !== null && product.inventory <= 0) return false;
      return inSize(product) !== false;
    },
    verified(item) {
      const product = productOf(item);
      if (!product) return [];
      const stocked = product.inventory !== null && product.inventory > 0;
      const sized = inSize(product) === true;
      if (stocked && sized) return [inStockInYourSize()];
      if (stocked) return [inStock()];
      if (sized) return [availableInYourSize()];
      return [];
    },
  };
}

function normalizeSize(size: string): string {
  return size.trim().toLowerCase();
}
