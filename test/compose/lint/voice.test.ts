import { describe, expect, it } from 'vitest';
import { flagged, lint, FOOTER } from './support.js';

describe('voice.sentence-too-long', () => {
  const long = 'This light vest carries two soft flasks and a phone so you can run longer on warm days without stopping at every single fountain.';

  it('flags a sentence over 20 words and points at the whole sentence', () => {
    expect(flagged('voice.sentence-too-long', `Hi Maya. ${long} See you out there.`)).toEqual([long]);
  });

  it('passes sentences of 20 words or fewer, and counts each list line on its own', () => {
    const twenty = 'One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.';
    expect(flagged('voice.sentence-too-long', twenty)).toEqual([]);
    const list = Array.from({ length: 6 }, (_, i) => `- item ${i} with a few words`).join('\n');
    expect(flagged('voice.sentence-too-long', list)).toEqual([]);
  });

  it('does not split on decimals or domains, and counts a URL as one word', () => {
    // 18 words, one of them a URL; a split at a dot would make several short sentences.
    const body = 'The vest is $65.00 at https://stride.example/p/vest and the socks are $14.00 at stride.example too, so both fit.';
    expect(flagged('voice.sentence-too-long', body)).toEqual([]);
    expect(flagged('voice.sentence-too-long', body, { brand: { maxWordsPerSentence: 10 } })).toEqual([body]);
  });
});

describe('voice.banned-phrase', () => {
  it('flags default banned phrases whatever the case or apostrophe', () => {
    expect(flagged('voice.banned-phrase', 'Act now! Don’t miss out. LAST CHANCE for spring.')).toEqual(['Act now', 'Don’t miss out', 'LAST CHANCE']);
  });

  it('matches whole words only', () => {
    expect(flagged('voice.banned-phrase', 'We hurry nothing. The hurrying crowd, the factnow app.')).toEqual(['hurry']);
    expect(flagged('voice.banned-phrase', 'The hurrying crowd enacts nowhere.')).toEqual([]);
  });

  it('uses the brand list when configured', () => {
    const brand = { bannedPhrases: ['cheap', 'risk-free'] };
    expect(flagged('voice.banned-phrase', 'Act now: cheap and risk free.', { brand })).toEqual(['cheap', 'risk free']);
  });
});

describe('voice.uncited-superlative', () => {
  it('flags superlatives without a cited fact in the same sentence', () => {
    expect(flagged('voice.uncited-superlative', 'Our best vest yet. The #1 sock for trails. Lowest price ever.')).toEqual(['best', '#1', 'Lowest price ever']);
  });

  it('passes a superlative with a citation: footnote marker, [n], (source: …) or according to', () => {
    const cited = [
      'Our best-selling vest¹ is back.',
      'The #1 trail sock [1] in our survey.',
      'Rated best vest of 2024 (source: Trail Runner Magazine).',
      'According to Runner’s World, it is the lightest and best vest under $100.',
      'Our best-selling sock* is back.',
    ];
    for (const sentence of cited) expect(flagged('voice.uncited-superlative', sentence), sentence).toEqual([]);
  });

  it('does not treat the member’s best or sign-offs as claims', () => {
    expect(flagged('voice.uncited-superlative', 'Run your best race. Chase a personal best. All the best, and best wishes from the team.')).toEqual([]);
  });

  it('a citation in another sentence does not count', () => {
    expect(flagged('voice.uncited-superlative', 'Source: our 2024 survey. This is the best vest.')).toEqual(['best']);
  });
});

describe('voice.contraction-style', () => {
  const body = 'We are glad you are here. It’s a short plan, and you’ll like it. Do not rush.';

  it('is off by default (any)', () => {
    expect(flagged('voice.contraction-style', body)).toEqual([]);
  });

  it('prefer: flags expanded forms and suggests the contraction', () => {
    const result = lint({ body: body + FOOTER }, { brand: { contractions: 'prefer' } });
    expect(result.excerpts('voice.contraction-style')).toEqual(['We are', 'you are', 'Do not']);
    expect(result.result.violations[0]!.message).toContain("we're");
    expect(result.result.ok).toBe(true); // a warning by default: reported, not held
  });

  it('avoid: flags contractions, but not possessives', () => {
    const text = `${body} The vest's pocket is Maya's favourite.`;
    expect(flagged('voice.contraction-style', text, { brand: { contractions: 'avoid' } })).toEqual(['It’s', 'you’ll']);
  });
});
