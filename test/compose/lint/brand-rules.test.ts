import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/shared-data.js';
import { brandRulesSchema, compileRules, DEFAULT_RULES, RULE_CODES, RULES } from '../../../src/compose/lint/index.js';
import { FOOTER, lint } from './support.js';

describe('brand rules', () => {
  it('accepts an empty object (all defaults) and rejects unknown keys and codes', () => {
    expect(brandRulesSchema.parse({})).toEqual({});
    const typo = brandRulesSchema.safeParse({ maxWordsPerSentance: 12 });
    expect(typo.success).toBe(false);
    const unknownCode = brandRulesSchema.safeParse({ severity: { 'voice.shouting': 'off' } });
    expect(unknownCode.success).toBe(false);
    expect(brandRulesSchema.safeParse({ contractions: 'sometimes' }).success).toBe(false);
  });

  it('the example brand rules file is valid', () => {
    const example = JSON.parse(readFileSync(join(projectRoot, 'examples', 'messages', 'brand-rules.json'), 'utf8'));
    const rules = compileRules(brandRulesSchema.parse(example));
    expect(rules.contractions).toBe('prefer');
    expect(rules.severity['length.push-title']).toBe('off');
  });

  it('every rule code has a family matching its prefix and a default severity', () => {
    for (const code of RULE_CODES) expect(code.startsWith(`${RULES[code].family}.`), code).toBe(true);
    expect(DEFAULT_RULES.severity['voice.contraction-style']).toBe('warning');
    expect(DEFAULT_RULES.severity['creepy.countdown']).toBe('error');
  });

  it('docs/linter.md documents every rule code', () => {
    const docs = readFileSync(join(projectRoot, 'docs', 'linter.md'), 'utf8');
    for (const code of RULE_CODES) expect(docs.includes(`\`${code}\``), code).toBe(true);
  });

  it('severity overrides: off drops a rule, warning reports without holding', () => {
    const body = `Act now: it ends in 02:14:33.${FOOTER}`;
    expect(lint({ body }).codes).toEqual(['voice.banned-phrase', 'creepy.countdown']);
    const relaxed = lint({ body }, { brand: { severity: { 'voice.banned-phrase': 'off', 'creepy.countdown': 'warning' } } });
    expect(relaxed.codes).toEqual(['creepy.countdown']);
    expect(relaxed.result.ok).toBe(true);
  });

  it('compiles once and can be reused across messages', () => {
    const rules = compileRules({ maxWordsPerSentence: 5 });
    expect(rules.maxWordsPerSentence).toBe(5);
    expect(rules.bannedPhrases).not.toBeNull();
    expect(compileRules({ bannedPhrases: [] }).bannedPhrases).toBeNull();
  });
});
