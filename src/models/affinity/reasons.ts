// Why a product was recommended: structured codes (for explain/ and audits) with plain text.
// A reason is only attached when the signal behind it actually raised that product's score,
// and the text says what was inferred, never what was watched (DESIGN.md §7).

export type ReasonCode =
  | 'similar_to_purchased'
  | 'similar_to_interests'
  | 'members_like_you'
  | 'popular_now'
  | 'in_stock_in_your_size'
  | 'in_stock'
  | 'available_in_your_size';

export interface Reason {
  readonly code: ReasonCode;
  /** The member's product the recommendation is similar to (similar_to_purchased only). */
  readonly anchorItem?: number;
  readonly text: string;
}

/** Names a product in reason text; defaults to its index. */
export type ItemLabel = (item: number) => string;

export const defaultItemLabel: ItemLabel = (item) => `product ${item}`;

export function similarToPurchased(anchorItem: number, label: ItemLabel): Reason {
  return { code: 'similar_to_purchased', anchorItem, text: `Similar to ${label(anchorItem)} you bought` };
}

/** Used when the closest signal was not a purchase (e.g. a weaker browsing signal): no product is named. */
export function similarToInterests(): Reason {
  return { code: 'similar_to_interests', text: 'Similar to things you have shown interest in' };
}

export function membersLikeYou(): Reason {
  return { code: 'members_like_you', text: 'Popular with members like you' };
}

export function popularNow(): Reason {
  return { code: 'popular_now', text: 'Popular right now' };
}

export function inStockInYourSize(): Reason {
  return { code: 'in_stock_in_your_size', text: 'In stock in your size' };
}

export function inStock(): Reason {
  return { code: 'in_stock', text: 'In stock' };
}

export function availableInYourSize(): Reason {
  return { code: 'available_in_your_size', text: 'Available in your size' };
}
