// Shared test helpers: lint a text with sensible defaults and read back what was flagged.
import { compileRules, indexCatalog, lintMessage, type BrandRules, type CatalogProduct, type LintContext, type LintResult, type LintableMessage, type RuleCode } from '../../../src/compose/lint/index.js';

export const PRODUCTS: CatalogProduct[] = [
  { id: 'sock-merino-trail', name: 'Merino Trail Running Socks', price: 14, currency: 'USD', inventory: 600 },
  { id: 'vest-traillight-5l', name: 'TrailLight 5L Hydration Vest', price: 65, currency: 'USD', inventory: 85 },
  { id: 'dress-midnight-satin', name: 'Midnight Satin Cocktail Dress', price: 129, currency: 'USD', inventory: 42 },
  { id: 'heel-strappy-block', name: 'Strappy Block Heel', price: 89, currency: 'USD', inventory: 3 },
  { id: 'scarf-wool', name: 'Wool Scarf', price: 48, currency: 'EUR', inventory: null },
];
export const CATALOG = indexCatalog(PRODUCTS);

/** An email body with the required links, so a test sees only the rule it is about. */
export const FOOTER = '\n\nWhy this? https://brand.example/why/abc\nUnsubscribe: https://brand.example/unsubscribe?m=1';

export interface Linted {
  result: LintResult;
  codes: RuleCode[];
  /** The text each violation of `code` points at, in order. */
  excerpts: (code: RuleCode) => string[];
}

export function lint(
  message: Partial<LintableMessage> & { body: string },
  context: Partial<Omit<LintContext, 'rules'>> & { brand?: BrandRules } = {},
): Linted {
  const full: LintableMessage = { channel: 'email', ...message };
  const { brand, ...rest } = context;
  const result = lintMessage(full, {
    catalog: CATALOG,
    tier: 'personalized',
    generated: false,
    botSpeaking: false,
    recommendation: false,
    ...rest,
    ...(brand === undefined ? {} : { rules: compileRules(brand) }),
  });
  return {
    result,
    codes: result.violations.map((violation) => violation.code),
    excerpts: (code) =>
      result.violations
        .filter((violation) => violation.code === code)
        .map((violation) => (violation.field === 'subject' ? full.subject ?? '' : full.body).slice(violation.span[0], violation.span[1])),
  };
}

/** Lints a body (with the required footer) and returns what `code` flagged. */
export function flagged(code: RuleCode, body: string, context: Parameters<typeof lint>[1] = {}): string[] {
  return lint({ body: body + FOOTER }, context).excerpts(code);
}
