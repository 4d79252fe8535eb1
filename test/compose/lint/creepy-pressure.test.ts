import { describe, expect, it } from 'vitest';
import { flagged, lint, FOOTER } from './support.js';

describe('creepy.countdown', () => {
  it('flags countdown timers and ticking-clock wording', () => {
    expect(flagged('creepy.countdown', 'Offer ends in 02:14:33.')).toEqual(['ends in 02:14:33']);
    expect(flagged('creepy.countdown', 'Only 3 hours left!')).toEqual(['Only 3 hours left']);
    expect(flagged('creepy.countdown', 'Hurry, 2h 14m 33s to go: {{countdown_timer}}')).toEqual(['2h 14m 33s', '{{countdown_timer}}']);
    expect(flagged('creepy.countdown', '⏰ The clock is ticking.')).toEqual(['⏰', 'The clock is ticking']);
  });

  it('does not flag real end dates, plans or race times', () => {
    const clean = ['The sale ends Sunday.', 'Six weeks to go until race day.', 'Finish the 5K in 30 minutes.', 'Doors open at 7:30 PM.', 'Ends in June.'];
    for (const body of clean) expect(flagged('creepy.countdown', body), body).toEqual([]);
  });
});

describe('creepy.invented-scarcity', () => {
  const dress = [{ id: 'dress-midnight-satin', name: 'Midnight Satin Cocktail Dress', price: 129 }];
  const heel = [{ id: 'heel-strappy-block', name: 'Strappy Block Heel', price: 89 }];
  const scarcity = (body: string, products: typeof dress, inventory?: Map<string, number | null>) =>
    lint({ body: body + FOOTER, products }, inventory === undefined ? {} : { inventory }).excerpts('creepy.invented-scarcity');

  it('flags scarcity claims when stock is not low (42 dresses in stock)', () => {
    expect(scarcity('It may sell out soon!', dress)).toEqual(['may sell out soon']);
    expect(scarcity('Only 2 left. Selling fast.', dress)).toEqual(['Only 2 left', 'Selling fast']);
    expect(scarcity('Almost gone, and in high demand.', dress)).toEqual(['Almost gone', 'in high demand']);
  });

  it('flags scarcity when no product has tracked inventory', () => {
    expect(scarcity('Going fast!', [])).toEqual(['Going fast']);
  });

  it('allows a claim the inventory supports (3 heels in stock, threshold 10)', () => {
    expect(scarcity('Only 3 left in your size range. It may sell out soon.', heel)).toEqual([]);
    expect(scarcity('Only a few left.', heel)).toEqual([]);
  });

  it('still flags a number smaller than the real stock', () => {
    expect(scarcity('Only 1 left!', heel)).toEqual(['Only 1 left']);
  });

  it('reads fresher inventory from the context and a product named in the text', () => {
    expect(scarcity('Only 2 left!', dress, new Map([['dress-midnight-satin', 2]]))).toEqual([]);
    expect(lint({ body: `The Strappy Block Heel: only 3 left.${FOOTER}` }).excerpts('creepy.invented-scarcity')).toEqual([]);
  });

  it('uses the configured threshold', () => {
    const result = lint({ body: `Only 3 left.${FOOTER}`, products: heel }, { brand: { lowStockThreshold: 2 } });
    expect(result.excerpts('creepy.invented-scarcity')).toEqual(['Only 3 left']);
  });

  it('does not flag plain words near stock or time', () => {
    const clean = ['Only 6 weeks left until race day.', 'Just two things to pack.', 'The last few weeks were sunny.', 'In stock now in all sizes.'];
    for (const body of clean) expect(scarcity(body, dress), body).toEqual([]);
  });
});
