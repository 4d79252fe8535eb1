// What a member has shown interest in, for product affinity: products bought (purchase class,
// full weight) and, where the tier allows browsing, products viewed (a weaker signal). The
// rollups keep each member's ten most recent of each.
import type { MemberView } from './view.js';

/** A product view counts this much of a purchase (the weight docs/recommendations.md suggests). */
export const VIEW_WEIGHT = 0.2;

export interface Interest {
  productId: string;
  weight: number;
  at: number;
  /** Bought (true) or only viewed: only bought products may be named in reasons. */
  bought: boolean;
}

export function interestsOf(view: MemberView): Interest[] {
  const interests: Interest[] = [];
  for (const p of view.stats.recentProducts ?? []) interests.push({ productId: p.productId, weight: 1, at: p.at, bought: true });
  for (const p of view.stats.recentlyViewed ?? []) interests.push({ productId: p.productId, weight: VIEW_WEIGHT, at: p.at, bought: false });
  return interests;
}

/** The member's stated size (stated class), for the catalog filter; null when none. */
export function statedSize(view: MemberView): string | null {
  const size = view.traits.size;
  return typeof size === 'string' && size.trim() !== '' ? size : null;
}
