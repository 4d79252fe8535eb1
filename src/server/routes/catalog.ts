// The product catalog: bulk upsert and listing.
import { z } from 'zod';
import type { Product } from '../../core/index.js';
import { inTransaction, listProducts, upsertProducts, type Store } from '../../store/index.js';
import { defineRoute, type AnyRoute } from '../route.js';

export const productSchema = z.strictObject({
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  name: z.string().min(1).max(500),
  category: z.string().min(1).max(200),
  price: z.number().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code').default('USD'),
  inventory: z.number().int().nonnegative().nullable().default(null),
  sizes: z.array(z.string().min(1)).default([]),
  margin: z.number().min(0).max(1).nullable().default(null),
  url: z.url().nullable().default(null),
});

const productList = z.array(productSchema).min(1).max(10_000);
const upsertBody = z.union([productList, z.object({ products: productList })]);

export function catalogRoutes(store: Store, onChange: () => Promise<void> = async () => {}): AnyRoute[] {
  return [
    defineRoute({
      method: 'PUT', url: '/v1/catalog/products', tag: 'catalog', auth: 'admin',
      summary: 'Insert or update products by id (a list, or {"products": [...]}); all or nothing.',
      body: upsertBody, bodyLimit: 10 * 1024 * 1024,
      response: z.object({ upserted: z.number() }),
      handler: async ({ body }) => {
        const list: Product[] = Array.isArray(body) ? body : body.products;
        // The last entry for an id wins, as if the list were applied in order.
        const products = [...new Map(list.map((p) => [p.id, p])).values()];
        await inTransaction(store, (trx) => upsertProducts(trx, products));
        await onChange();
        return { upserted: products.length };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/catalog/products', tag: 'catalog', auth: 'admin',
      summary: 'All products.',
      response: z.object({ products: z.array(productSchema) }),
      handler: async () => ({ products: await listProducts(store.db) }),
    }),
  ];
}
