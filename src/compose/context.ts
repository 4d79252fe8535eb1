// The template context: the only data a template (or the LLM prompt) ever sees. It is built
// here, from the member's tier, so a fact of a class the tier does not allow cannot reach the
// words even if a caller passes it by mistake (DESIGN.md §5: the guarantee is counterfactual).
import { DATA_CLASSES, TIER_POLICY, type ConsentTier, type DataClass } from '../core/consent.js';
import type { Product } from '../core/catalog.js';

/** A fact a template may print or test: plain values only, so nothing can hide inside. */
export type FactValue = string | number | boolean | readonly string[];

/** Facts about the member, grouped by the data class each belongs to (`core/events.ts` says which). */
export type MemberFacts = Partial<Record<DataClass, Readonly<Record<string, FactValue>>>>;

/**
 * Identity facts a `basic` member's identity may be used for: contact only, which in copy means
 * the name in a greeting (TIER_POLICY: `contact`).
 */
export const CONTACT_FIELDS: readonly string[] = ['first_name'];

/** Links every message may carry; the caller signs them (DESIGN.md: tokens are signed and expire). */
export interface MessageLinks {
  unsubscribe: string;
  preferences: string;
  /** "Why was this recommended?" for this decision. */
  why: string;
}

/** What a template knows about a catalog product. Margin and stock counts stay out: not copy. */
export interface ProductFacts {
  id: string;
  name: string;
  category: string;
  price: number;
  currency: string;
  /** The catalog price formatted for the brand's locale ("$48.00"): the same for every member. */
  price_text: string;
  url: string | null;
  sizes: readonly string[];
}

/** What templates may reference about the brand (brand.json). */
export interface BrandFacts {
  name: string;
  program: string;
  /** The brand's website, for "shop" links that are not about one product. */
  url: string;
  /** Postal address for the email footer (CAN-SPAM). */
  address: string;
}

export interface TemplateContext {
  /** Only the classes the tier allows; a class it does not allow is absent, not empty. */
  member: Partial<Record<DataClass, Readonly<Record<string, FactValue>>>>;
  products: readonly ProductFacts[];
  links: MessageLinks;
  brand: BrandFacts;
}

export interface ContextInput {
  tier: ConsentTier;
  member: MemberFacts;
  products: readonly Product[];
  links: MessageLinks;
  brand: BrandFacts;
  locale: string;
}

/** Keeps each class the tier allows for content, and identity's contact fields for `basic`. */
export function allowedMemberFacts(tier: ConsentTier, member: MemberFacts): TemplateContext['member'] {
  const allowed: Partial<Record<DataClass, Record<string, FactValue>>> = {};
  for (const dataClass of DATA_CLASSES) {
    const use = TIER_POLICY[tier][dataClass];
    const facts = member[dataClass];
    if (use === 'full') allowed[dataClass] = plainFacts(facts, undefined);
    else if (use === 'contact') allowed[dataClass] = plainFacts(facts, CONTACT_FIELDS);
  }
  return allowed;
}

/**
 * Own, plain-valued facts (optionally only the named ones). Facts often arrive as parsed JSON,
 * whatever their declared type: objects, functions and nulls are dropped, arrays copied.
 */
function plainFacts(facts: Readonly<Record<string, unknown>> | undefined, only: readonly string[] | undefined): Record<string, FactValue> {
  const kept: Record<string, FactValue> = {};
  if (facts === undefined) return kept;
  for (const [name, value] of Object.entries(facts)) {
    if (only !== undefined && !only.includes(name)) continue;
    if (isFactValue(value)) kept[name] = Array.isArray(value) ? [...value] : value;
  }
  return kept;
}

function isFactValue(value: unknown): value is FactValue {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const priceFormats = new Map<string, Intl.NumberFormat>();

/** Catalog price as the brand writes it; formatters are cached (building one costs far more than using it). */
export function formatPrice(price: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = priceFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    priceFormats.set(key, format);
  }
  return format.format(price);
}

export function productFacts(product: Product, locale: string): ProductFacts {
  return {
    id: product.id,
    name: product.name,
    category: product.category,
    price: product.price,
    currency: product.currency,
    price_text: formatPrice(product.price, product.currency, locale),
    url: product.url,
    sizes: [...product.sizes],
  };
}

/** The context for one message: allowed member facts, catalog facts, links and brand facts. Nothing else. */
export function buildTemplateContext(input: ContextInput): TemplateContext {
  return {
    member: allowedMemberFacts(input.tier, input.member),
    products: input.products.map((product) => productFacts(product, input.locale)),
    links: { unsubscribe: input.links.unsubscribe, preferences: input.links.preferences, why: input.links.why },
    brand: { name: input.brand.name, program: input.brand.program, url: input.brand.url, address: input.brand.address },
  };
}
