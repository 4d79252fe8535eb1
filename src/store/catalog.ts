// The product catalog. Upserts are idempotent by product id.
import type { Product } from '../core/index.js';
import { chunked, parseJson } from './chunks.js';
import type { Executor } from './database.js';

export async function upsertProducts(db: Executor, products: readonly Product[], now = Date.now()): Promise<void> {
  for (const chunk of chunked(products, 200)) {
    await db
      .insertInto('products')
      .values(chunk.map((p) => ({
        product_id: p.id, name: p.name, category: p.category, price: p.price, currency: p.currency,
        inventory: p.inventory, sizes: JSON.stringify(p.sizes), margin: p.margin, url: p.url, updated_at: now,
      })))
      .onConflict((oc) =>
        oc.column('product_id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'), category: eb.ref('excluded.category'), price: eb.ref('excluded.price'),
          currency: eb.ref('excluded.currency'), inventory: eb.ref('excluded.inventory'), sizes: eb.ref('excluded.sizes'),
          margin: eb.ref('excluded.margin'), url: eb.ref('excluded.url'), updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function listProducts(db: Executor, options: { ids?: readonly string[] } = {}): Promise<Product[]> {
  let query = db.selectFrom('products').selectAll().orderBy('product_id');
  if (options.ids !== undefined) {
    if (options.ids.length === 0) return [];
    query = query.where('product_id', 'in', [...options.ids]);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.product_id, name: r.name, category: r.category, price: Number(r.price), currency: r.currency,
    inventory: r.inventory === null ? null : Number(r.inventory), sizes: parseJson<string[]>(r.sizes, []),
    margin: r.margin === null ? null : Number(r.margin), url: r.url,
  }));
}
