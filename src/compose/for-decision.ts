// From a decision to a message in the outbox: the framing that fits the member's situation, the
// products the action is about, the member facts the tier allows, composed and linted. A message
// that fails the linter — or cannot be written — is held for human review, never sent as is.
import type { Product } from '../core/index.js';
import type { ActionConfig } from '../decide/config.js';
import type { MemberView } from '../decide/member-view.js';
import type { Composer } from '../decide/record.js';
import type { OutboxMessage } from '../deliver/outbox-message.js';
import type { ProfileRecord } from '../store/index.js';
import type { ComposeSetup } from './compose.js';
import { composeMessage } from './llm/generate.js';
import type { MemberFacts } from './context.js';
import { chooseFraming, type Segment } from './framing.js';
import { framingsFor } from './template-set.js';

export interface DecisionLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
  whyUrl: string;
}

export interface DecisionComposerOptions {
  /** The templates, brand and catalog at compose time (product names and prices come only from here). */
  current: () => { setup: ComposeSetup; products: readonly Product[] };
  /** Signed member links for this message. */
  links: (message: { profileId: string; decisionId: string; channel: NonNullable<Parameters<Composer>[0]['decision']['channel']> }) => DecisionLinks;
  /** Ask the LLM provider (when configured) to write the copy. */
  generate?: boolean;
}

/** What templates may say about the member, by data class (the composer drops what the tier hides). */
export function memberFacts(profile: ProfileRecord, view: MemberView): MemberFacts {
  const t = profile.traits;
  const name = typeof t.name === 'string' ? t.name.split(' ')[0] : undefined;
  const firstName = [t.firstName, t.first_name, name].find((v): v is string => typeof v === 'string' && v !== '');
  const interests = Array.isArray(t.interests) ? t.interests.filter((i): i is string => typeof i === 'string') : undefined;
  return {
    identity: { ...(firstName ? { first_name: firstName } : {}), member_since: String(new Date(profile.firstSeenAt).getUTCFullYear()) },
    stated: { ...(typeof t.size === 'string' ? { size: t.size } : {}), ...(interests?.length ? { interests } : {}) },
    ...(view.purchase ? { purchase: { points: Math.max(0, Math.round(view.purchase.pointsBalance)), recent_categories: view.purchase.topCategories } } : {}),
  };
}

function inStock(product: Product): boolean {
  return product.inventory === null || product.inventory > 0;
}

/** The products a message is about, from what the tier allows (see `products` in docs/decide.md). */
export function pickProducts(action: ActionConfig, view: MemberView, catalog: readonly Product[]): Product[] {
  const { source, categories, count } = action.products;
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const inCategories = (p: Product) => categories === undefined || categories.includes(p.category);
  const take = (ids: readonly string[]) => ids.map((id) => byId.get(id)).filter((p): p is Product => p !== undefined && inStock(p) && inCategories(p));
  const featured = () => catalog.filter((p) => inStock(p) && inCategories(p));
  const ofTopCategories = () => {
    const top = view.purchase?.topCategories ?? [];
    const bought = new Set(view.purchase?.recentProducts.map((p) => p.productId));
    return catalog.filter((p) => top.includes(p.category) && !bought.has(p.id) && inStock(p) && inCategories(p));
  };
  let picked: Product[];
  switch (source) {
    case 'none':
      return [];
    case 'cart':
      picked = take(view.browsing?.cartProductIds ?? []);
      break;
    case 'last_purchase':
      picked = take(view.purchase?.recentProducts.map((p) => p.productId) ?? []);
      break;
    case 'top_categories':
      picked = ofTopCategories();
      break;
    case 'featured':
      picked = featured();
      break;
    case 'recommended':
      picked = take(view.inferred?.topProducts ?? []);
      if (picked.length === 0) picked = ofTopCategories();
      if (picked.length === 0) picked = featured();
      break;
  }
  return picked.slice(0, count);
}

export function createDecisionComposer(options: DecisionComposerOptions): Composer {
  return async ({ decision, action, profile, view }) => {
    const { setup, products } = options.current();
    const channel = decision.channel;
    if (channel === null) return { message: null, held: true, holdReasons: ['no channel'] };
    const framing = chooseFraming(
      {
        action: action.template, tier: view.tier, segment: (view.segment?.name ?? null) as Segment | null,
        emotionalState: view.protection.emotionalState.state,
        openComplaint: view.protection.daysSinceComplaint !== null && view.protection.daysSinceComplaint < 7,
        daysSinceLastOrder: view.purchase?.daysSinceLastOrder ?? null,
        recentPurchaseCategories: view.purchase?.topCategories ?? [],
      },
      framingsFor(setup.templates, action.template, channel),
    );
    const links = options.links({ profileId: decision.profileId, decisionId: decision.decisionId, channel });
    if (framing.framing === null) return { message: null, held: true, holdReasons: [`no framing fits: ${framing.reason.text}`] };
    try {
      const composed = await composeMessage({
        action: action.template, channel, framing: framing.framing, tier: view.tier, member: memberFacts(profile, view),
        products: pickProducts(action, view, products), variantSeed: decision.decisionId,
        links: { unsubscribe: links.unsubscribeUrl, preferences: links.preferencesUrl, why: links.whyUrl },
        ...(options.generate ? { generate: true } : {}),
      }, setup);
      const errors = composed.lint.violations.filter((v) => v.severity === 'error');
      const message: OutboxMessage = {
        content: {
          channel,
          ...('subject' in composed ? { subject: composed.subject } : {}),
          ...('title' in composed && composed.title !== undefined ? { title: composed.title } : {}),
          ...('html' in composed ? { html: composed.html } : {}),
          text: composed.text,
        },
        tier: view.tier, unsubscribeUrl: links.unsubscribeUrl, whyUrl: links.whyUrl, framing: composed.framing,
        templateId: composed.templateId, variant: composed.variant, generated: composed.generated,
        products: composed.products.map(({ id, name, price }) => ({ id, name, price })),
        ...(errors.length > 0 ? { violations: errors.map((v) => ({ code: v.code, message: v.message })) } : {}),
      };
      return { message, held: composed.held, holdReasons: errors.map((v) => `${v.code}: ${v.message}`) };
    } catch (error) {
      return { message: null, held: true, holdReasons: [`could not write the message: ${(error as Error).message}`] };
    }
  };
}
