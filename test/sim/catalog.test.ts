import { describe, expect, it } from 'vitest';
import { buildCatalog, CATEGORIES, CATEGORY_IDS } from '../../src/sim/index.js';

describe('Athena catalog', () => {
  const catalog = buildCatalog(42);
  const byId = (id: string) => catalog.products[catalog.indexById.get(id) as number];

  it('carries 200–400 products with unique ids, readable names, prices, sizes and margins', () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(200);
    expect(catalog.products.length).toBeLessThanOrEqual(400);
    expect(new Set(catalog.products.map((p) => p.id)).size).toBe(catalog.products.length);
    expect(new Set(catalog.products.map((p) => p.name)).size).toBe(catalog.products.length);
    for (const p of catalog.products) {
      expect(p.name).toMatch(/^[A-Z][A-Za-z0-9$"' -]+$/);
      expect(p.price).toBeGreaterThan(0);
      expect(p.currency).toBe('USD');
      expect(p.url).toBe(`https://athena.example/p/${p.id}`);
      if (p.category === 'gift-cards') expect(p.margin).toBeNull();
      else expect(p.margin).toBeGreaterThan(0.3);
    }
    expect(byId('athena-50-gift-card')?.price).toBe(50);
  });

  it('covers every category, with shoe sizes on shoes and none on gift cards', () => {
    expect(new Set(catalog.products.map((p) => p.category))).toEqual(new Set(CATEGORY_IDS));
    const shoe = catalog.products.find((p) => p.category === 'trail-shoes');
    expect(shoe?.sizes).toContain('9.5');
    expect(catalog.products.filter((p) => p.category === 'gift-cards').every((p) => p.sizes.length === 0 && p.inventory === null)).toBe(true);
    expect(catalog.products.some((p) => p.inventory === 0)).toBe(true);
  });

  it('relates trail shoes to trail socks and hydration, and every complement to a complementary category', () => {
    const trailShoe = catalog.products.findIndex((p) => p.name.endsWith('Trail Running Shoe'));
    const complements = (catalog.complements[trailShoe] ?? []).map((i) => catalog.products[i]);
    expect(complements.map((p) => p?.category)).toContain('socks');
    expect(complements.some((p) => p?.name.includes('Trail Running Socks'))).toBe(true);
    expect(complements.some((p) => p?.category === 'hydration')).toBe(true);
    catalog.complements.forEach((list, i) => {
      const spec = CATEGORIES[catalog.categoryIndex[i] as number];
      for (const c of list) expect(spec?.complements).toContain(catalog.products[c]?.category);
    });
  });

  it('orders the running progression from a first 5K to the trails', () => {
    const stageOf = (name: string) => catalog.stageIndex[catalog.products.findIndex((p) => p.name.endsWith(name))];
    expect(stageOf('Everyday Running Shoe')).toBeLessThan(stageOf('Stability Running Shoe') as number);
    expect(stageOf('Stability Running Shoe')).toBeLessThan(stageOf('Cushioned Running Shoe') as number);
    expect(stageOf('Cushioned Running Shoe')).toBeLessThan(stageOf('Trail Running Shoe') as number);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(buildCatalog(42)).toEqual(catalog);
    expect(buildCatalog(43).products.map((p) => p.price)).not.toEqual(catalog.products.map((p) => p.price));
  });
});
