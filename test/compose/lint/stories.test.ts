// The two real-world emails that define the creepy line (examples/messages).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFileSchema, indexCatalog, lintFileSchema, lintMessage, type LintFile, type RuleCode } from '../../../src/compose/lint/index.js';
import { projectRoot } from '../../support/shared-data.js';

const examples = join(projectRoot, 'examples', 'messages');
const read = (name: string): unknown => JSON.parse(readFileSync(join(examples, name), 'utf8'));

function lintExample(messageFile: string, catalogFile: string) {
  const message: LintFile = lintFileSchema.parse(read(messageFile));
  const catalog = indexCatalog(catalogFileSchema.parse(read(catalogFile)));
  const result = lintMessage(message, { catalog, tier: message.tier, generated: message.generated, botSpeaking: message.bot, recommendation: message.recommendation });
  const excerpt = (code: RuleCode) =>
    result.violations.filter((v) => v.code === code).map((v) => (v.field === 'subject' ? message.subject ?? '' : message.body).slice(...v.span));
  return { message, result, excerpt };
}

describe('story 1: "Start with 5K, build to 10K" (the runner feels encouraged)', () => {
  const { message, result } = lintExample('running-5k-to-10k.json', 'catalog-running.json');

  it('passes for a personalized member with no violation at all', () => {
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('is a real recommendation email: products, unsubscribe and "Why this?" links, race in six weeks', () => {
    expect(message.recommendation).toBe(true);
    expect(message.tier).toBe('personalized');
    expect(message.products.map((product) => product.id)).toEqual(['sock-merino-trail', 'vest-traillight-5l', 'race-riverside-5k']);
    expect(message.body).toMatch(/in six weeks/);
    expect(message.body).toMatch(/\/why\//);
    expect(message.body).toMatch(/unsubscribe/);
  });

  it('would be held if the member were basic and the copy mentioned her purchase explicitly', () => {
    const catalog = indexCatalog(catalogFileSchema.parse(read('catalog-running.json')));
    const body = message.body.replace('Your new trail shoes are made', 'You bought trail shoes, and they are made');
    const basic = lintMessage({ ...message, body }, { catalog, tier: 'basic', generated: false, botSpeaking: false, recommendation: true });
    expect(basic.violations.map((v) => v.code)).toEqual(['creepy.forbidden-data-class']);
  });
});

describe('story 2: "Still thinking about that dress?" (she feels watched)', () => {
  const { result, excerpt } = lintExample('dress-countdown.json', 'catalog-fashion.json');

  it('is held, with creepy-line codes only', () => {
    expect(result.ok).toBe(false);
    expect(new Set(result.violations.map((v) => v.rule))).toEqual(new Set(['creepy']));
  });

  it('points at each offending phrase', () => {
    expect(excerpt('creepy.still-thinking')).toEqual(['Still thinking about that dress?']);
    expect(excerpt('creepy.observed-duration')).toEqual(['three minutes and twelve seconds']);
    expect(excerpt('creepy.exact-time')).toEqual(['11:47 PM on Tuesday']);
    expect(excerpt('creepy.invented-scarcity')).toEqual(['may sell out soon']);
    expect(excerpt('creepy.countdown')).toEqual(['⏳', 'ends in 02:14:33']);
    expect(excerpt('creepy.forbidden-data-class')).toEqual(['Still thinking about that', 'spent three minutes and twelve seconds looking at']);
  });

  it('names the field of each span: subject first, then body', () => {
    expect(result.violations.map((v) => v.field)).toEqual(['subject', 'subject', 'body', 'body', 'body', 'body', 'body', 'body']);
  });
});
