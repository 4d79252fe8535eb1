import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTemplate, framingsFor, loadTemplateSet, pickVariant, renderTemplate, type TemplateEntry } from '../../src/compose/index.js';
import { htmlToText } from '../../src/compose/html-text.js';
import { createLiquid } from '../../src/compose/liquid.js';
import { toGsmFriendly } from '../../src/compose/sms.js';
import { mjml, templateDir } from './fixtures.js';

const CONTEXT = {
  member: { identity: { first_name: 'Maya' }, stated: { size: 'M' } },
  products: [{ name: 'Trail <Vest> & Co', price_text: '$65.00', url: 'https://athena.example/p/vest?a=1&b=2' }],
  links: { why: 'https://athena.example/why/1', unsubscribe: 'https://athena.example/u/t', preferences: 'https://athena.example/u/t' },
  brand: { name: 'Athena' },
};

const render = (source: string, context: object = CONTEXT, kind: 'html' | 'text' = 'text'): string => {
  const liquid = createLiquid(kind);
  return liquid.renderSync(liquid.parse(source), context) as string;
};

describe('the Liquid sandbox', () => {
  it('refuses unknown variables and filters, and anything outside own properties', () => {
    expect(() => render('{{ member.purchase.points }}')).toThrow(/undefined variable: member.purchase/);
    expect(() => render('{{ member.constructor }}')).toThrow(/undefined variable/);
    expect(() => render('{{ member.stated.size.constructor.name }}')).toThrow(/undefined variable/);
    expect(() => render('{{ "x" | shell }}')).toThrow(/undefined filter: shell/);
  });

  it('lets a template test a fact the tier left out', () => {
    expect(render('{% if member.purchase.points %}points{% else %}none{% endif %}')).toBe('none');
    expect(render('{{ member.purchase.points | default: "no points" }}')).toBe('no points');
  });

  it('reads no files: include, render and layout fail when the template is parsed', () => {
    for (const tag of ['include', 'render', 'layout']) expect(() => createLiquid('text').parse(`{% ${tag} "/etc/passwd" %}`)).toThrow(/not available/);
  });

  it('stops runaway templates with the memory limit', () => {
    expect(() => render('{% for i in (1..100000000) %}{% endfor %}')).toThrow(/memory alloc limit exceeded/);
  });

  it('escapes every value in HTML and none in text', () => {
    expect(render('{{ products[0].name }}', CONTEXT, 'html')).toBe('Trail &lt;Vest&gt; &amp; Co');
    expect(render('{{ products[0].name }}')).toBe('Trail <Vest> & Co');
  });
});

describe('plain text from MJML copy', () => {
  it('turns paragraphs, lists, breaks and links into readable text and keeps Liquid', () => {
    const html = '<p>Hi {{ name }},</p><p>One<br/>two &amp; three&nbsp;&rsquo;s</p><ul><li>a</li><li>b</li></ul><a href="{{ links.why }}">Why this?</a> <a href="https://x.example">https://x.example</a>';
    expect(htmlToText(html)).toBe("Hi {{ name }},\n\nOne\ntwo & three ’s\n\n- a\n- b\n\n[Why this?]({{ links.why }}) https://x.example");
  });

  it('skips comments and styles', () => {
    expect(htmlToText('<style>p { color: red }</style><!-- note -->Hello')).toBe('Hello');
  });
});

describe('loading a template set', () => {
  it('compiles MJML once: composing reads the cache, not the file', async () => {
    const root = await templateDir({ 'news/new_arrivals.email.a.mjml': mjml('<mj-text>First words</mj-text>') });
    const set = await loadTemplateSet(root);
    await writeFile(join(root, 'news/new_arrivals.email.a.mjml'), mjml('<mj-text>Changed on disk</mj-text>'));
    const variant = findTemplate(set, 'news', 'new_arrivals', 'email')!.variants[0]!;
    const content = renderTemplate(variant.compiled, CONTEXT, set.engines, variant.file);
    expect(content.channel === 'email' && content.text).toContain('First words');
    expect(content.channel === 'email' && content.html).toContain('<!doctype html>');
  });

  it('derives subject, preview and text from the MJML, with links and loops', async () => {
    const root = await templateDir({
      'news/new_arrivals.email.a.mjml': `<mjml><mj-head><mj-title>New for {{ member.identity.first_name }}</mj-title><mj-preview>Fresh gear</mj-preview></mj-head><mj-body>
        <mj-section><mj-column><mj-text>Hi {{ member.identity.first_name }},</mj-text></mj-column></mj-section>
        <mj-raw>{% for product in products %}</mj-raw>
        <mj-section><mj-column><mj-text>{{ product.name }}, {{ product.price_text }}</mj-text><mj-button href="{{ product.url }}">See it</mj-button></mj-column></mj-section>
        <mj-raw>{% endfor %}</mj-raw>
        <mj-section><mj-column><mj-image src="https://athena.example/logo.png" alt="Athena" /><mj-text><a href="{{ links.unsubscribe }}">Unsubscribe</a></mj-text></mj-column></mj-section>
      </mj-body></mjml>`,
    });
    const set = await loadTemplateSet(root);
    const variant = findTemplate(set, 'news', 'new_arrivals', 'email')!.variants[0]!;
    const content = renderTemplate(variant.compiled, CONTEXT, set.engines, variant.file);
    expect(content).toMatchObject({
      channel: 'email',
      subject: 'New for Maya',
      text: 'Fresh gear\n\nHi Maya,\n\nTrail <Vest> & Co, $65.00\n\n[See it](https://athena.example/p/vest?a=1&b=2)\n\n[Unsubscribe](https://athena.example/u/t)',
    });
    expect(content.channel === 'email' && content.html).toContain('Trail &lt;Vest&gt; &amp; Co');
    expect(content.channel === 'email' && content.html).toContain('href="https://athena.example/p/vest?a=1&amp;b=2"');
  });

  it('fails the load when MJML would silently drop Liquid placed between components', async () => {
    const root = await templateDir({ 'news/new_arrivals.email.a.mjml': mjml('{% if member.stated.size %}<mj-text>Sized</mj-text>{% endif %}') });
    await expect(loadTemplateSet(root)).rejects.toThrow(/MJML dropped the Liquid "\{% if member.stated.size %\}".*<mj-raw>/);
  });

  it('keeps <mj-include> inside the template directory', async () => {
    const inside = await templateDir({ '_partials/footer.mjml': '<mj-text>Footer</mj-text>', 'news/new_arrivals.email.a.mjml': mjml('<mj-include path="../_partials/footer.mjml" />') });
    const set = await loadTemplateSet(inside);
    const variant = findTemplate(set, 'news', 'new_arrivals', 'email')!.variants[0]!;
    expect(renderTemplate(variant.compiled, CONTEXT, set.engines, variant.file)).toMatchObject({ text: 'Footer' });

    const outside = await templateDir({ 'news/new_arrivals.email.a.mjml': mjml('<mj-include path="../../../../../../etc/hostname" />') });
    await expect(loadTemplateSet(outside)).rejects.toThrow(/mj-include/);
  });

  it.each([
    ['news/new_arrivals.email.mjml', mjml('<mj-text>x</mj-text>'), /expected <framing>\.<channel>\.<variant>/],
    ['news/new_arrival.email.a.mjml', mjml('<mj-text>x</mj-text>'), /unknown framing "new_arrival"/],
    ['news/new_arrivals.fax.a.mjml', 'x', /unknown channel "fax"/],
    ['news/new_arrivals.sms.a.mjml', 'x', /sms templates end in \.liquid/],
    ['News/new_arrivals.sms.a.liquid', 'x', /lower_snake_case/],
    ['news/new_arrivals.email.a.mjml', '<mjml><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>', /needs an <mj-title>/],
    ['news/new_arrivals.email.a.mjml', mjml('<mj-carousel></mj-carousel>'), /mj-carousel/],
    ['news/new_arrivals.email.a.mjml', mjml('<mj-text>{{ x | shell }}</mj-text>'), /undefined filter: shell/],
    ['news/new_arrivals.push.a.liquid', 'no title here', /needs a "title:"/],
    ['news/new_arrivals.sms.a.liquid', '---\ntitle: Hi\n---\nBody', /an SMS has no title/],
    ['news/new_arrivals.push.a.liquid', '---\nsubject: Hi\n---\nBody', /unknown front matter key "subject"/],
    ['news/new_arrivals.sms.a.liquid', '{% if %}', /news\/new_arrivals\.sms\.a\.liquid/],
    ['_generated/fax.liquid', 'x', /expected <channel>\.<mjml\|liquid>/],
  ])('rejects %s with a clear error', async (path, content, message) => {
    await expect(loadTemplateSet(await templateDir({ [path]: content }))).rejects.toThrow(message);
  });

  it('lists the framings an action has words for on a channel', async () => {
    const root = await templateDir({
      'check_in/check_in.in_app.a.liquid': 'Hi',
      'check_in/no_promotion.in_app.a.liquid': 'Hi',
      'check_in/check_in.email.a.mjml': mjml('<mj-text>x</mj-text>'),
    });
    const set = await loadTemplateSet(root);
    expect([...framingsFor(set, 'check_in', 'in_app')].sort()).toEqual(['check_in', 'no_promotion']);
    expect([...framingsFor(set, 'check_in', 'email')]).toEqual(['check_in']);
  });
});

describe('variants', () => {
  const entry = (names: string[]): TemplateEntry =>
    ({ id: 'news/new_arrivals.email', action: 'news', framing: 'new_arrivals', channel: 'email', variants: names.map((name) => ({ name, file: name, compiled: null })) }) as unknown as TemplateEntry;

  it('picks the same variant for the same seed, on every call', () => {
    const variants = entry(['a', 'b', 'c']);
    for (const seed of ['dec-1', 'dec-2', 'member-77']) expect(pickVariant(variants, seed).name).toBe(pickVariant(variants, seed).name);
  });

  it('spreads seeds evenly over the variants', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const name = pickVariant(entry(['a', 'b', 'c']), `dec-${i}`).name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    for (const name of ['a', 'b', 'c']) expect(counts.get(name)).toBeGreaterThan(900);
  });
});

describe('SMS characters', () => {
  it('replaces typography that has a GSM-7 equivalent', () => {
    expect(toGsmFriendly('It’s “ready” – now…\u00a0ok')).toBe('It\'s "ready" - now... ok');
    expect(toGsmFriendly('Café 🏃')).toBe('Café 🏃');
  });
});
