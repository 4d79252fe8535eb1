// composeMessage: a decision becomes words. The template for the action × framing × channel is
// picked (variant by seed), rendered with a context holding only what the member's tier allows,
// and linted. A message that fails the linter comes back `held`: the caller puts it in the
// review queue, and it is never sent as it is (DESIGN.md §7).
import type { Product } from '../core/catalog.js';
import type { Channel, ConsentTier } from '../core/consent.js';
import type { Brand } from './brand.js';
import { buildTemplateContext, type MemberFacts, type MessageLinks, type TemplateContext } from './context.js';
import type { Framing } from './framing.js';
import { lintMessage, type CatalogIndex, type LintResult, type MessageProduct } from './lint/index.js';
import type { GenerationFallback, LlmProvider } from './llm/contract.js';
import { renderTemplate, subjectOf, type MessageContent } from './render.js';
import { findTemplate, pickVariant, type TemplateSet } from './template-set.js';

export interface ComposeRequest {
  /** The action's template set, e.g. "new_arrivals". */
  action: string;
  channel: Channel;
  /** From `chooseFraming`. */
  framing: Framing;
  tier: ConsentTier;
  /** The member's facts by data class; whatever the tier does not allow is dropped again here. */
  member: MemberFacts;
  /** Catalog products at compose time: names and prices come from here and nowhere else. */
  products: readonly Product[];
  links: MessageLinks;
  /** Picks the A/B variant deterministically: the decision id (per message) or the member id (per member). */
  variantSeed: string;
  /** Ask the LLM provider to write the copy; the template is used whenever that fails. */
  generate?: boolean;
}

/** What composing needs besides the request; built once per brand and catalog version. */
export interface ComposeSetup {
  templates: TemplateSet;
  brand: Brand;
  /** `indexCatalog(products)`: the linter checks names and prices against it. */
  catalog: CatalogIndex;
  /** Units in stock by product id, fresher than the catalog's (for scarcity claims). */
  inventory?: ReadonlyMap<string, number | null>;
  llm?: LlmProvider | null;
}

export interface ComposeOutcome {
  action: string;
  framing: Framing;
  /** `<action>/<framing>.<channel>`; for generated copy the layout that wrapped it. */
  templateId: string;
  variant: string;
  /** True when an LLM wrote the copy (the message then carries an AI disclosure). */
  generated: boolean;
  /** Why generation was asked for but the template was used. */
  fallback?: GenerationFallback;
  /** True when the linter found an error: queue for human review, never send as is. */
  held: boolean;
  lint: LintResult;
  /** The products the message is about, as it states them (checked against the catalog). */
  products: MessageProduct[];
}

export type ComposedMessage = MessageContent & ComposeOutcome;

export class TemplateNotFoundError extends Error {
  constructor(id: string) {
    super(`no template ${id}: add one, or let chooseFraming pick among the framings this action has`);
    this.name = 'TemplateNotFoundError';
  }
}

export function contextFor(request: ComposeRequest, setup: ComposeSetup): TemplateContext {
  return buildTemplateContext({
    tier: request.tier,
    member: request.member,
    products: request.products,
    links: request.links,
    brand: setup.brand.facts,
    locale: setup.brand.locale,
  });
}

/** What a message's words are checked against besides the brand rules and catalog. */
export interface LintFacts {
  tier: ConsentTier;
  generated: boolean;
  products: readonly MessageProduct[];
}

/** Lints a message's words as composition does (also used when a reviewer edits a held message). */
export function lintContent(content: MessageContent, facts: LintFacts, setup: ComposeSetup): LintResult {
  return lintMessage(
    { channel: content.channel, subject: subjectOf(content), body: content.text, products: facts.products },
    {
      rules: setup.brand.rules,
      catalog: setup.catalog,
      inventory: setup.inventory,
      tier: facts.tier,
      generated: facts.generated,
      botSpeaking: false,
      recommendation: facts.products.length > 0,
    },
  );
}

/** Lints rendered words and records how they were made. */
export function finishMessage(
  content: MessageContent,
  made: { templateId: string; variant: string; generated: boolean },
  request: ComposeRequest,
  setup: ComposeSetup,
): ComposedMessage {
  const products = request.products.map(({ id, name, price }) => ({ id, name, price }));
  const lint = lintContent(content, { tier: request.tier, generated: made.generated, products }, setup);
  return { ...content, action: request.action, framing: request.framing, ...made, held: !lint.ok, lint, products };
}

/** The template path: synchronous, no I/O. */
export function composeFromTemplate(request: ComposeRequest, setup: ComposeSetup): ComposedMessage {
  const entry = findTemplate(setup.templates, request.action, request.framing, request.channel);
  if (entry === undefined) throw new TemplateNotFoundError(`${request.action}/${request.framing}.${request.channel}`);
  const variant = pickVariant(entry, request.variantSeed);
  const content = renderTemplate(variant.compiled, contextFor(request, setup), setup.templates.engines, variant.file);
  return finishMessage(content, { templateId: entry.id, variant: variant.name, generated: false }, request, setup);
}
