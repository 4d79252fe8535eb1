import { describe, expect, it } from 'vitest';
import { FOOTER, lint } from './support.js';

const socks = { id: 'sock-merino-trail', name: 'Merino Trail Running Socks', price: 14 };

describe('fact.unknown-product and fact.name-mismatch', () => {
  it('flags a listed product that is not in the catalog, pointing at its name in the body', () => {
    const body = `Try the Cloud Socks today.${FOOTER}`;
    const result = lint({ body, products: [{ id: 'sock-cloud', name: 'Cloud Socks', price: 9 }] });
    expect(result.excerpts('fact.unknown-product')).toEqual(['Cloud Socks']);
  });

  it('flags a listed name that differs from the catalog; case and spacing do not matter', () => {
    const renamed = lint({ body: `Merino Socks, $14.${FOOTER}`, products: [{ ...socks, name: 'Merino Socks' }] });
    expect(renamed.excerpts('fact.name-mismatch')).toEqual(['Merino Socks']);
    const recased = lint({ body: FOOTER, products: [{ ...socks, name: 'merino  trail running socks' }] });
    expect(recased.codes).toEqual([]);
  });

  it('points at the end of the body when the product is not named in it', () => {
    const body = `New arrivals.${FOOTER}`;
    const result = lint({ body, products: [{ id: 'nope', name: 'Nope', price: 1 }] });
    expect(result.result.violations[0]!.span).toEqual([body.length, body.length]);
  });
});

describe('fact.price-mismatch', () => {
  it('flags a listed price that differs from the catalog', () => {
    const result = lint({ body: `Merino Trail Running Socks are here.${FOOTER}`, products: [{ ...socks, price: 12 }] });
    expect(result.excerpts('fact.price-mismatch')).toEqual(['Merino Trail Running Socks']);
  });

  it('checks a price written next to a product name, in any usual format', () => {
    const right = ['Merino Trail Running Socks ($14)', 'Merino Trail Running Socks: $14.00', 'Merino Trail Running Socks for 14 USD', '$14 Merino Trail Running Socks'];
    for (const text of right) expect(lint({ body: `${text}.${FOOTER}` }).excerpts('fact.price-mismatch'), text).toEqual([]);
    expect(lint({ body: `Merino Trail Running Socks, now $12.${FOOTER}` }).excerpts('fact.price-mismatch')).toEqual(['$12']);
    expect(lint({ body: `Merino Trail Running Socks for 14.50 USD.${FOOTER}` }).excerpts('fact.price-mismatch')).toEqual(['14.50 USD']);
  });

  it('pairs each price with the nearest product in its sentence', () => {
    const body = `The TrailLight 5L Hydration Vest ($65) and Merino Trail Running Socks ($65) pair well.${FOOTER}`;
    expect(lint({ body }).excerpts('fact.price-mismatch')).toEqual(['$65']);
    expect(lint({ body }).result.violations.find((violation) => violation.code === 'fact.price-mismatch')!.span[0]).toBe(body.lastIndexOf('$65'));
  });

  it('checks the currency', () => {
    expect(lint({ body: `Wool Scarf: €48.${FOOTER}` }).excerpts('fact.price-mismatch')).toEqual([]);
    expect(lint({ body: `Wool Scarf: $48.${FOOTER}` }).excerpts('fact.price-mismatch')).toEqual(['$48']);
  });

  it('leaves savings, thresholds and prices away from product names alone', () => {
    const clean = [
      'Save $10 on the Merino Trail Running Socks.',
      'Merino Trail Running Socks: $5 off this week.',
      'Free shipping on orders over $50 with Merino Trail Running Socks.',
      'Merino Trail Running Socks are back. Shipping is $7.',
    ];
    for (const text of clean) expect(lint({ body: text + FOOTER }).excerpts('fact.price-mismatch'), text).toEqual([]);
  });
});
