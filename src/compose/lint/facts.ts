// Facts: the products a message lists must be the catalog's products with the catalog's names
// and prices, and a price written next to a product name must be that product's price.
import type { AnchorHits, Scanner } from './anchors.js';
import { findProductMentions, type CatalogIndex, type ProductMention } from './catalog-index.js';
import { quote, type ViolationReport } from './report.js';
import type { FieldText } from './text.js';
import type { CatalogProduct, MessageProduct, Span } from './types.js';

const AMOUNT = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d{1,2})?';
const CODES = ['usd', 'eur', 'gbp', 'cad', 'aud', 'nzd'];
const WORDS = ['dollars', 'euros', 'pounds'];
/** A price, in lower-cased text: $48, $48.00, €1,299, 48 USD, USD 48, 48 dollars. */
const PRICE: Scanner = {
  pattern: new RegExp(
    `(?:(?<symbol>[$€£])\\s?(?<symbolAmount>${AMOUNT})|\\b(?<codeFirst>${CODES.join('|')})\\s?(?<codeFirstAmount>${AMOUNT})|(?<![\\d.,])(?<codeLastAmount>${AMOUNT})\\s?(?<codeLast>${[...CODES, ...WORDS].join('|')})\\b)(?![\\d]|[.,]\\d)`,
    'g',
  ),
  anchors: [...CODES, ...WORDS],
  // Written without a space, "USD48" and "48USD" hold no whole-word anchor.
  marks: ['[$€£]', `(?:${CODES.join('|')})\\d`, `\\d(?:${[...CODES, ...WORDS].join('|')})\\b`],
};
/** Amounts that are not a product's price: savings and thresholds ("save $10", "orders over $50", "$10 off"). */
const NOT_A_PRICE_BEFORE = /(?:^|[^\w])(?:save|saving|savings\s+of|over|under|above|spend|up\s+to|extra|was|originally|regularly|worth|credit\s+of)\s*$/;
const NOT_A_PRICE_AFTER = /^\s*(?:off|or\s+more|back|credit|and\s+up)\b/;
/** How far around a price to look for those words. */
const CONTEXT_CHARS = 24;

export const FACT_SCANNERS: readonly Scanner[] = [PRICE];

const DOLLAR_CURRENCIES: ReadonlySet<string> = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN']);
const CURRENCIES_OF_MARK: Readonly<Record<string, ReadonlySet<string>>> = {
  $: DOLLAR_CURRENCIES,
  dollars: DOLLAR_CURRENCIES,
  '€': new Set(['EUR']),
  euros: new Set(['EUR']),
  '£': new Set(['GBP']),
  pounds: new Set(['GBP']),
};
const DEFAULT_CURRENCY = 'USD';

function samePrice(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

function formatPrice(product: CatalogProduct): string {
  return `${product.price.toFixed(2)} ${product.currency ?? DEFAULT_CURRENCY}`;
}

function sameName(a: string, b: string): boolean {
  return a === b || a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Where a listed product's name first appears in the body; the end of the body when absent. */
function spanOfName(body: FieldText, name: string): Span {
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = escaped.length > 0 ? new RegExp(escaped, 'i').exec(body.text) : null;
  return found === null ? [body.text.length, body.text.length] : [found.index, found.index + found[0].length];
}

/** Listed products against the catalog: known id, same name, same price. */
export function checkListedProducts(products: readonly MessageProduct[], catalog: CatalogIndex, body: FieldText, report: ViolationReport): void {
  for (const listed of products) {
    const known = catalog.byId.get(listed.id);
    if (known === undefined) {
      report.add('fact.unknown-product', 'body', spanOfName(body, listed.name), `${quote(listed.name)} (id ${listed.id}) is not in the catalog. Check the product id, or remove the product.`);
      continue;
    }
    if (!sameName(known.name, listed.name)) {
      report.add('fact.name-mismatch', 'body', spanOfName(body, listed.name), `The message calls product ${listed.id} ${quote(listed.name)}; the catalog calls it ${quote(known.name)}.`);
    }
    if (!samePrice(known.price, listed.price)) {
      report.add('fact.price-mismatch', 'body', spanOfName(body, known.name), `The message lists ${quote(known.name)} at ${listed.price}; the catalog price is ${formatPrice(known)}.`);
    }
  }
}

/** Every price is checked against the nearest product name in its sentence. */
export function checkPricesInText(hits: AnchorHits, catalog: CatalogIndex, report: ViolationReport): void {
  if (catalog.byId.size === 0 || !report.enabled('fact.price-mismatch')) return;
  const { field, text, lower } = hits.field;
  let mentionsFrom = -1;
  let mentions: ProductMention[] = [];
  hits.forEachMatch(PRICE, ({ start, end, sentence, sentenceStart, groups }) => {
    if (NOT_A_PRICE_BEFORE.test(lower.slice(Math.max(0, start - CONTEXT_CHARS), start)) || NOT_A_PRICE_AFTER.test(lower.slice(end, end + CONTEXT_CHARS))) return;
    if (sentenceStart !== mentionsFrom) {
      mentionsFrom = sentenceStart;
      mentions = findProductMentions(catalog, sentence, sentenceStart);
    }
    const product = nearestMention(mentions, start, end);
    if (product === undefined) return;
    const amount = Number((groups.symbolAmount ?? groups.codeFirstAmount ?? groups.codeLastAmount ?? '').replace(/,/g, ''));
    const mark = groups.symbol ?? groups.codeFirst ?? groups.codeLast ?? '';
    const currency = (product.currency ?? DEFAULT_CURRENCY).toUpperCase();
    const currencyMatches = CURRENCIES_OF_MARK[mark]?.has(currency) ?? mark.toUpperCase() === currency;
    if (samePrice(amount, product.price) && currencyMatches) return;
    report.add('fact.price-mismatch', field, [start, end], `${quote(text.slice(start, end))} is next to ${quote(product.name)}, whose catalog price is ${formatPrice(product)}.`);
  });
}

/** The product named closest to a price, before or after it, among the names in its sentence. */
function nearestMention(mentions: readonly ProductMention[], start: number, end: number): CatalogProduct | undefined {
  let nearest: CatalogProduct | undefined;
  let nearestGap = Infinity;
  for (const mention of mentions) {
    const gap = mention.end <= start ? start - mention.end : mention.start - end;
    if (gap >= 0 && gap < nearestGap) {
      nearest = mention.product;
      nearestGap = gap;
    }
  }
  return nearest;
}
