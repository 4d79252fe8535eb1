import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_CLASSES, allowsPersonalization, type ConsentTier, type DataClass } from '../../src/core/consent.js';
import { buildTemplateContext, composeFromTemplate, type FactValue, type MemberFacts } from '../../src/compose/index.js';
import { ATHENA_CASES, CATALOG, LINKS, MAYA, athenaSetup, requestFor } from './fixtures.js';

const BRAND = { name: 'Athena', program: 'Athena Circle', url: 'https://athena.example', address: '2150 Harbor Way' };

function contextFor(tier: ConsentTier, member: MemberFacts) {
  return buildTemplateContext({ tier, member, products: [CATALOG[0]!], links: LINKS, brand: BRAND, locale: 'en-US' });
}

describe('the template context holds only what the tier allows', () => {
  it('never lets a browsing fact reach a personalized member’s template context', () => {
    const context = contextFor('personalized', MAYA);
    expect(context.member.browsing).toBeUndefined();
    const serialized = JSON.stringify(context);
    expect(serialized).not.toContain('Studio 7/8 Legging');
    expect(serialized).not.toContain('192');
    // …while a proactive member who allowed browsing data gets it.
    expect(contextFor('proactive', MAYA).member.browsing).toMatchObject({ viewed_product: 'Studio 7/8 Legging' });
  });

  it('follows TIER_POLICY class by class', () => {
    for (const tier of ['basic', 'personalized', 'proactive'] as const) {
      const context = contextFor(tier, MAYA);
      for (const dataClass of DATA_CLASSES) {
        if (dataClass === 'identity') continue;
        expect(context.member[dataClass] !== undefined, `${tier}/${dataClass}`).toBe(allowsPersonalization(tier, dataClass));
      }
    }
  });

  it('keeps only the name in a greeting from a basic member’s identity (contact use)', () => {
    expect(contextFor('basic', MAYA).member.identity).toEqual({ first_name: 'Maya' });
    expect(contextFor('personalized', MAYA).member.identity).toMatchObject({ first_name: 'Maya', member_since: '2021' });
  });

  it('drops values that are not plain facts, wherever they come from', () => {
    const sneaky = { stated: { size: 'M', nested: { hidden: 'x' }, fn: () => 1, missing: null, mixed: ['a', 2], nan: Number.NaN } } as unknown as MemberFacts;
    expect(contextFor('basic', sneaky).member.stated).toEqual({ size: 'M' });
  });

  it('gives templates catalog facts only: price formatted, no margin or stock count', () => {
    const [product] = contextFor('basic', {}).products;
    expect(product).toEqual({
      id: 'shoe-ridgeline',
      name: 'Ridgeline Trail Shoe',
      category: 'shoes',
      price: 128,
      currency: 'USD',
      price_text: '$128.00',
      url: 'https://athena.example/p/shoe-ridgeline',
      sizes: ['7', '8', '9', '10', '11'],
    });
  });

  it('composes the same message whatever the data of classes the tier does not allow (property)', async () => {
    const setup = await athenaSetup();
    const factValue: fc.Arbitrary<FactValue> = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
    const facts = fc.dictionary(fc.constantFrom('first_name', 'member_since', 'recent_categories', 'points', 'viewed_product', 'cart', 'churn_risk', 'interests'), factValue, { maxKeys: 4 });
    const cases = ATHENA_CASES.filter((item) => item.tiers.includes('basic') || item.tiers.includes('personalized'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), fc.dictionary(fc.constantFrom(...DATA_CLASSES), facts), async (item, noise) => {
        const tier: ConsentTier = item.tiers.includes('basic') ? 'basic' : 'personalized';
        // Noise only in the classes this tier does not allow for content (identity kept: basic uses it for contact).
        const forbidden = Object.fromEntries(
          Object.entries(noise).filter(([dataClass]) => dataClass !== 'identity' && !allowsPersonalization(tier, dataClass as DataClass)),
        );
        expect(contextFor(tier, { ...MAYA, ...forbidden })).toEqual(contextFor(tier, MAYA));
        const plain = composeFromTemplate(requestFor(item, tier), setup);
        const noisy = composeFromTemplate(requestFor(item, tier, 'dec-42', { ...MAYA, ...forbidden }), setup);
        expect(noisy).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });
});
