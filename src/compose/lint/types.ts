// The linter's inputs and outputs.
import type { Channel, ConsentTier } from '../../core/consent.js';
import type { Product } from '../../core/catalog.js';
import type { CatalogIndex } from './catalog-index.js';
import type { CompiledRules } from './brand-rules.js';
import type { RuleCode, RuleFamily, Severity } from './codes.js';

/** A product as the message lists it: what the composer believed at compose time. */
export interface MessageProduct {
  id: string;
  name: string;
  price: number;
}

/** The facts about a catalog product the linter checks against. A full `Product` fits. */
export type CatalogProduct = Pick<Product, 'id' | 'name' | 'price'> & Partial<Pick<Product, 'currency' | 'inventory'>>;

export interface LintableMessage {
  channel: Channel;
  /** Email subject or push title; SMS and in-app messages usually have none. */
  subject?: string;
  body: string;
  /** Products the message recommends or mentions, as the composer saw them. */
  products?: readonly MessageProduct[];
}

export interface LintContext {
  /** Brand rules compiled once with `compileRules`; the defaults when omitted. */
  rules?: CompiledRules;
  /** The catalog at compose time, indexed once with `indexCatalog`. */
  catalog: CatalogIndex;
  /** The member's consent tier: decides which data classes the copy may mention. */
  tier: ConsentTier;
  /** True when an LLM wrote any of the copy. */
  generated: boolean;
  /** True when a bot speaks to the member in the first person (conversations). */
  botSpeaking: boolean;
  /** True when the message recommends products: it then needs a "Why this?" link. */
  recommendation: boolean;
  /** Units in stock by product id; overrides the catalog's `inventory` (fresher facts). */
  inventory?: ReadonlyMap<string, number | null>;
}

export type TextField = 'subject' | 'body';

/** `[start, end)` character (UTF-16) offsets into the field the violation names. */
export type Span = [start: number, end: number];

export interface Violation {
  code: RuleCode;
  rule: RuleFamily;
  severity: Severity;
  /** What is wrong and how to fix it, in words a marketer understands. */
  message: string;
  field: TextField;
  /** Offsets into `field`. Something missing points at the empty span at the end of the body. */
  span: Span;
}

export interface LintResult {
  /** False when any violation has severity `error`: the message is held for human review. */
  ok: boolean;
  violations: Violation[];
}
