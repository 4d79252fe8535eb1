// The Athena example set: every template, every variant, every tier it is used with, passes the
// linter with no violation at all (warnings included).
import { describe, expect, it } from 'vitest';
import { CONSENT_TIERS, allowsPersonalization } from '../../src/core/consent.js';
import { composeFromTemplate, findTemplate, FRAMING_NEEDS, type ComposedMessage } from '../../src/compose/index.js';
import { ATHENA_CASES, athenaSetup, requestFor } from './fixtures.js';

/** A seed for each variant of a template: the seeds that make pickVariant choose it. */
function seedsPerVariant(variants: readonly string[], pick: (seed: string) => string): Map<string, string> {
  const seeds = new Map<string, string>();
  for (let i = 0; seeds.size < variants.length && i < 1000; i++) {
    const name = pick(`dec-${i}`);
    if (!seeds.has(name)) seeds.set(name, `dec-${i}`);
  }
  return seeds;
}

const wordsOf = (message: ComposedMessage): string => (message.channel === 'email' ? `${message.subject}\n${message.text}` : message.text);

describe('the Athena template set', () => {
  it('covers every template in the folder, and every case is used with the tiers its framing allows', async () => {
    const setup = await athenaSetup();
    const covered = new Set(ATHENA_CASES.map((item) => `${item.action}/${item.framing}.${item.channel}`));
    expect([...setup.templates.entries.keys()].sort()).toEqual([...covered].sort());
    for (const item of ATHENA_CASES) {
      const needs = FRAMING_NEEDS[item.framing];
      const allowed = CONSENT_TIERS.filter((tier) => needs === null || allowsPersonalization(tier, needs));
      expect(item.tiers, `${item.action}/${item.framing}.${item.channel}`).toEqual(allowed);
    }
  });

  for (const item of ATHENA_CASES) {
    for (const tier of item.tiers) {
      it(`${item.action}/${item.framing}.${item.channel} passes the linter for a ${tier} member, in every variant`, async () => {
        const setup = await athenaSetup();
        const entry = findTemplate(setup.templates, item.action, item.framing, item.channel)!;
        const seeds = seedsPerVariant(
          entry.variants.map((variant) => variant.name),
          (seed) => composeFromTemplate(requestFor(item, tier, seed), setup).variant,
        );
        expect([...seeds.keys()].sort()).toEqual(entry.variants.map((variant) => variant.name));
        for (const seed of seeds.values()) {
          const message = composeFromTemplate(requestFor(item, tier, seed), setup);
          expect(message.lint.violations, `${message.templateId} ${message.variant}`).toEqual([]);
          expect(message.held).toBe(false);
          expect(message.products.map((product) => product.id)).toEqual(item.products);
          if (message.channel === 'email') {
            expect(message.text).toMatch(/\[Unsubscribe\]\(https:\/\/athena\.example\/u\//);
            expect(message.html).toContain('href="https://athena.example/u/tok-8f3a2c"');
          }
        }
      });
    }
  }

  it('speaks value-first and greets by name, whatever the tier', async () => {
    const setup = await athenaSetup();
    for (const item of ATHENA_CASES) {
      for (const tier of item.tiers) {
        const words = wordsOf(composeFromTemplate(requestFor(item, tier), setup));
        expect(words).not.toMatch(/SKU|#\d|\b\d{1,2}:\d{2}\b|minutes|you (?:viewed|looked|browsed)/i);
      }
    }
    expect(composeFromTemplate(requestFor(ATHENA_CASES[0]!, 'basic'), setup).text).toContain('Hi Maya,');
  });

  it('tells the "Start with 5K, build to 10K" story for a personalized runner', async () => {
    const setup = await athenaSetup();
    const progression = ATHENA_CASES.find((item) => item.framing === 'progression')!;
    const message = composeFromTemplate(requestFor(progression, 'personalized', 'dec-0'), setup);
    expect(message.held).toBe(false);
    expect(message.text).toContain('Merino Running Socks, $16.00');
    expect(message.text).toContain('TrailLight 5L Hydration Vest, $65.00');
    expect(message.text).toContain('[Why this?](https://athena.example/why/dec-42)');
  });

  it('says the same words in the HTML as in the plain-text part', async () => {
    const setup = await athenaSetup();
    const item = ATHENA_CASES.find((candidate) => candidate.action === 'new_arrivals')!;
    const message = composeFromTemplate(requestFor(item, 'personalized'), setup);
    if (message.channel !== 'email') throw new Error('expected an email');
    // Compared without markup and whitespace: the HTML breaks lines where the text does not.
    const squeeze = (text: string): string => text.replace(/\s+/g, '');
    const htmlText = squeeze(message.html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    const lines = message.text.split('\n').filter((line) => line !== '' && !line.includes(']('));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(htmlText).toContain(squeeze(line.replace(/^- /, '')));
  });
});
