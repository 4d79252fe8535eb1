import { describe, expect, it } from 'vitest';
import type { Channel, ConsentTier } from '../../src/core/consent.js';
import {
  brandFrom,
  composeFromTemplate,
  composeMessage,
  indexCatalog,
  loadTemplateSet,
  pickVariant,
  TemplateNotFoundError,
  TemplateRenderError,
  type BrandRules,
  type ComposeRequest,
  type ComposeSetup,
  type Framing,
} from '../../src/compose/index.js';
import { CATALOG, LINKS, MAYA, byId, mjml, templateDir } from './fixtures.js';

const BRAND_FILE = {
  name: 'Athena',
  program: 'Athena Circle',
  url: 'https://athena.example',
  address: '2150 Harbor Way, Portland, OR 97209',
  guidelines: ['Sound like a friendly coach.'],
};

async function setupWith(files: Record<string, string>, rules: BrandRules = {}): Promise<ComposeSetup> {
  return { templates: await loadTemplateSet(await templateDir(files)), brand: brandFrom({ ...BRAND_FILE, rules }), catalog: indexCatalog(CATALOG) };
}

function request(channel: Channel, overrides: Partial<ComposeRequest> = {}): ComposeRequest {
  return {
    action: 'news',
    channel,
    framing: 'new_arrivals' as Framing,
    tier: 'personalized' as ConsentTier,
    member: MAYA,
    products: [byId('vest-traillight')],
    links: LINKS,
    variantSeed: 'dec-1',
    ...overrides,
  };
}

const FOOTER = '<mj-text><a href="{{ links.why }}">Why this?</a> <a href="{{ links.unsubscribe }}">Unsubscribe</a></mj-text>';

describe('composeFromTemplate', () => {
  it('renders, lints and records how the message was made', async () => {
    const setup = await setupWith({ 'news/new_arrivals.email.a.mjml': mjml(`<mj-text>Hi {{ member.identity.first_name }}. The {{ products[0].name }} is {{ products[0].price_text }}.</mj-text>${FOOTER}`) });
    const message = composeFromTemplate(request('email'), setup);
    expect(message).toMatchObject({
      channel: 'email',
      subject: 'Hello Maya',
      action: 'news',
      framing: 'new_arrivals',
      templateId: 'news/new_arrivals.email',
      variant: 'a',
      generated: false,
      held: false,
      products: [{ id: 'vest-traillight', name: 'TrailLight 5L Hydration Vest', price: 65 }],
    });
    expect(message.fallback).toBeUndefined();
    expect(message.text).toContain('The TrailLight 5L Hydration Vest is $65.00.');
    expect(message.lint).toEqual({ ok: true, violations: [] });
  });

  it('holds a message that fails the linter, with the violations, for the review queue', async () => {
    const setup = await setupWith({ 'news/new_arrivals.email.a.mjml': mjml(`<mj-text>Only 2 left of the {{ products[0].name }}! Hurry.</mj-text>${FOOTER}`) });
    const message = composeFromTemplate(request('email'), setup);
    expect(message.held).toBe(true);
    expect(message.lint.violations.map((violation) => violation.code)).toEqual(['creepy.invented-scarcity', 'voice.banned-phrase']);
    expect(message.text).toContain('Only 2 left'); // the words are kept for the reviewer
  });

  it('holds a message whose required links are missing', async () => {
    const setup = await setupWith({ 'news/new_arrivals.email.a.mjml': mjml('<mj-text>New gear is in.</mj-text>') });
    const codes = composeFromTemplate(request('email'), setup).lint.violations.map((violation) => violation.code);
    expect(codes).toEqual(['required.unsubscribe-link', 'required.why-link']);
  });

  it('never sends a per-customer price: a product priced differently from the catalog is held', async () => {
    const setup = await setupWith({ 'news/member_price.push.a.liquid': '---\ntitle: Member price\n---\n{{ products[0].name }}: {{ products[0].price_text }}. Why this? Tap to see.' });
    const discounted = { ...byId('vest-traillight'), price: 49 };
    const message = composeFromTemplate(request('push', { framing: 'member_price', products: [discounted] }), setup);
    expect(message.held).toBe(true);
    expect(message.lint.violations.map((violation) => violation.code)).toContain('fact.price-mismatch');
  });

  it('enforces SMS segments (GSM-7 and UCS-2) and push limits with clear violations', async () => {
    const long = 'Fresh gear for the trail is in. '.repeat(6); // 192 GSM-7 characters: 2 segments
    const setup = await setupWith(
      {
        'news/new_arrivals.sms.a.liquid': long,
        'news/new_arrivals.sms.b.liquid': `${'Fresh gear. '.repeat(5)}🏃`, // 62 characters, but UCS-2 because of the emoji
        'news/new_arrivals.push.a.liquid': '---\ntitle: {{ products[0].name }} and everything else new this week at Athena\n---\nHi. Why this? Tap to see.',
      },
      { smsMaxSegments: 1 },
    );
    const sms = composeFromTemplate(request('sms', { products: [], variantSeed: seedFor(setup, 'sms', 'a') }), setup);
    expect(sms.held).toBe(true);
    expect(sms.lint.violations[0]).toMatchObject({ code: 'length.sms-segments', span: [160, long.trim().length] });
    expect(sms.lint.violations[0]!.message).toContain('2 segments (191 GSM-7 characters); the limit is 1 (160 characters)');

    const unicode = composeFromTemplate(request('sms', { products: [], variantSeed: seedFor(setup, 'sms', 'b') }), setup);
    expect(unicode.held).toBe(false);

    const push = composeFromTemplate(request('push'), setup);
    expect(push.lint.violations.map(({ code, field }) => [code, field])).toEqual([['length.push-title', 'subject']]);
  });

  it('smart-encodes SMS typography so one apostrophe does not turn the message into UCS-2', async () => {
    const setup = await setupWith({ 'news/new_arrivals.sms.a.liquid': 'It’s here – the {{ products[0].name }}. Why this? {{ links.why }}' });
    const sms = composeFromTemplate(request('sms'), setup);
    expect(sms.text).toBe("It's here - the TrailLight 5L Hydration Vest. Why this? https://athena.example/why/dec-42");
  });

  it('cannot print a fact the tier does not allow: the render fails, loudly', async () => {
    const setup = await setupWith({
      'news/new_arrivals.in_app.a.liquid': 'You looked at {{ member.browsing.viewed_product }}.',
      'news/we_miss_you.in_app.a.liquid': '{% if member.browsing.viewed_product %}Seen: {{ member.browsing.viewed_product }}{% else %}Something new is in.{% endif %}',
    });
    expect(() => composeFromTemplate(request('in_app', { products: [] }), setup)).toThrow(TemplateRenderError);
    expect(() => composeFromTemplate(request('in_app', { products: [] }), setup)).toThrow(/new_arrivals\.in_app\.a\.liquid: undefined variable: member\.browsing/);
    const guarded = composeFromTemplate(request('in_app', { products: [], framing: 'we_miss_you' }), setup);
    expect(guarded.text).toBe('Something new is in.');
    const proactive = composeFromTemplate(request('in_app', { products: [], framing: 'we_miss_you', tier: 'proactive' }), setup);
    expect(proactive.text).toBe('Seen: Studio 7/8 Legging');
  });

  it('names the missing template', async () => {
    const setup = await setupWith({ 'news/new_arrivals.sms.a.liquid': 'Hi' });
    expect(() => composeFromTemplate(request('email'), setup)).toThrow(TemplateNotFoundError);
    expect(() => composeFromTemplate(request('email'), setup)).toThrow(/no template news\/new_arrivals\.email/);
  });
});

describe('brand.json', () => {
  it('validates with the path of the first bad field, and compiles the linter rules once', () => {
    expect(() => brandFrom({ ...BRAND_FILE, rules: { maxWordsPerSentance: 12 } })).toThrow(/brand\.json: rules: Unrecognized key/);
    expect(() => brandFrom({ ...BRAND_FILE, url: 'ftp://athena.example' })).toThrow(/brand\.json: url/);
    expect(() => brandFrom({ ...BRAND_FILE, guidelines: [] })).toThrow(/brand\.json: guidelines/);
    const brand = brandFrom({ ...BRAND_FILE, rules: { maxWordsPerSentence: 12, contractions: 'prefer' } });
    expect(brand).toMatchObject({ locale: 'en-US', facts: { name: 'Athena', program: 'Athena Circle' } });
    expect(brand.rules.maxWordsPerSentence).toBe(12);
  });
});

describe('composeMessage', () => {
  it('uses the template unless generation is asked for, and records why it could not generate', async () => {
    const setup = await setupWith({ 'news/new_arrivals.in_app.a.liquid': 'New gear is in.' });
    const plain = await composeMessage(request('in_app', { products: [] }), setup);
    expect(plain).toMatchObject({ generated: false, text: 'New gear is in.' });
    expect(plain.fallback).toBeUndefined();
    const asked = await composeMessage(request('in_app', { products: [], generate: true }), setup);
    expect(asked).toMatchObject({ generated: false, fallback: { reason: 'no_provider' } });
  });
});

/** A seed that picks the named variant of news/new_arrivals.<channel>. */
function seedFor(setup: ComposeSetup, channel: Channel, variant: string): string {
  const entry = setup.templates.entries.get(`news/new_arrivals.${channel}`)!;
  for (let i = 0; i < 1000; i++) if (pickVariant(entry, `seed-${i}`).name === variant) return `seed-${i}`;
  throw new Error(`no seed picks variant ${variant}`);
}
