// A product in the brand's catalog (PUT /v1/catalog/products). Prices are the same for every
// member at a given moment: nothing in Attune sets a per-member price (DESIGN.md §6).

export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
  currency: string;
  /** Units in stock; null when the brand does not track inventory. */
  inventory: number | null;
  sizes: string[];
  /** Gross margin as a fraction of price, when known. */
  margin: number | null;
  url: string | null;
}
