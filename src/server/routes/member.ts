// The pages a member reaches from a message: preferences (`/u/{token}`), one-click unsubscribe
// (`POST /u/{token}`, RFC 8058) and "Why was this recommended?" (`/why/{token}`). No login: the
// signed token in the URL is the permission. Every answer is an HTML page, failures included.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { updateConsent } from '../../consent/index.js';
import { CHANNELS, CONSENT_TIERS, type Channel, type ConsentTier } from '../../core/index.js';
import { recordFeedback, unsubscribeEvent } from '../../deliver/channels/index.js';
import {
  FORM_CONTENT_TYPES, isOneClickUnsubscribe, PAGE_HEADERS, parseFormBody, renderBadForm, renderExplanationsUnavailable,
  renderNoExplanation, renderNoProfile, renderPreferences, renderProblem, renderTokenError, renderUnsubscribed, renderWhy,
  type ExplainDecision, type HtmlPage,
} from '../../deliver/pages/index.js';
import { TokenError, tokenSignerFor, type TokenClaims, type TokenPurpose } from '../../deliver/tokens.js';
import type { IngestWriter } from '../../ingest/index.js';
import { findProfileId } from '../../profiles/index.js';
import { getProfile, type Store } from '../../store/index.js';
import { defineRoute, type AnyRoute } from '../route.js';

export interface MemberRouteOptions {
  /** From the decision engine; without it the "Why?" page says explanations are unavailable. */
  explainDecision?: ExplainDecision;
}

const tokenParams = z.object({ token: z.string() });
const pageResponse = z.string().describe('An HTML page');
const FORM_LIMIT = 16 * 1024;
const LINK_PURPOSES: readonly TokenPurpose[] = ['preferences', 'unsubscribe'];

/** Lets fastify accept the form posts of these pages; bodies are read as text and parsed by the routes. */
export function addFormBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser([...FORM_CONTENT_TYPES], { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => done(null, body));
}

/** What a page handler answers: a page, or a redirect (after a form post, or a tracked click). */
export type PageOutcome = HtmlPage | { redirect: string; status: 302 | 303 };

function sendPage(reply: FastifyReply, outcome: PageOutcome): FastifyReply {
  if ('redirect' in outcome) {
    return reply.code(outcome.status).headers({ location: outcome.redirect, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).send();
  }
  return reply.code(outcome.status).headers(PAGE_HEADERS).send(outcome.html);
}

/**
 * Runs a page handler with the verified claims of the URL's token. A refused token gets the
 * friendly token page; any other failure is logged by kind only (URLs and bodies hold tokens
 * and personal data) and gets a generic page.
 */
export async function withToken(
  store: Store, request: FastifyRequest, reply: FastifyReply, token: string, purposes: readonly TokenPurpose[],
  handle: (claims: TokenClaims) => Promise<PageOutcome>,
  onTokenError: (error: TokenError) => PageOutcome = renderTokenError,
): Promise<FastifyReply> {
  try {
    const claims = (await tokenSignerFor(store)).verify(token, purposes);
    return sendPage(reply, await handle(claims));
  } catch (error) {
    if (error instanceof TokenError) return sendPage(reply, onTokenError(error));
    const e = error as Error;
    request.log.error({ err: { type: e.name, message: e.message }, route: request.routeOptions.url }, 'member page failed');
    return sendPage(reply, renderProblem());
  }
}

function formOf(request: FastifyRequest): URLSearchParams | undefined {
  return typeof request.body === 'string' ? parseFormBody(request.headers['content-type'], request.body) : undefined;
}

export function memberRoutes(store: Store, writer: IngestWriter, options: MemberRouteOptions = {}): AnyRoute[] {
  /** The member's current profile id: merges are followed; undefined once erased. */
  const currentProfile = (profileId: string) => findProfileId(store.db, 'profileId', profileId);

  /** Unsubscribes are also events, so measurement sees them (opt-out rate, regret). Consent has already changed; a failure here is only logged. */
  async function recordUnsubscribes(request: FastifyRequest, channels: readonly Channel[], claims: TokenClaims, source: 'unsubscribe-link' | 'preference-page') {
    try {
      for (const channel of channels) await recordFeedback(store, writer, unsubscribeEvent(claims.profileId, channel, source, claims.decisionId));
    } catch (error) {
      request.log.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'unsubscribe event not recorded');
    }
  }

  return [
    defineRoute({
      method: 'GET', url: '/u/:token', tag: 'member pages', auth: 'none', produces: 'text/html',
      summary: 'The preference page: consent tier (with what each tier uses) and channel subscriptions.',
      params: tokenParams, query: z.object({ saved: z.string().optional() }), response: pageResponse,
      handler: ({ params, query, request, reply }) => withToken(store, request, reply, params.token, LINK_PURPOSES, async (claims) => {
        const profileId = await currentProfile(claims.profileId);
        const record = profileId === undefined ? undefined : await getProfile(store.db, profileId);
        if (record === undefined) return renderNoProfile();
        return renderPreferences({ token: params.token, consent: record.consent, channel: claims.channel ?? 'email', saved: query.saved === '1' });
      }),
    }),
    defineRoute({
      method: 'POST', url: '/u/:token', tag: 'member pages', auth: 'none', produces: 'text/html',
      summary: 'One-click unsubscribe (RFC 8058): body `List-Unsubscribe=One-Click`; takes effect immediately.',
      params: tokenParams, validateBody: false, bodyLimit: FORM_LIMIT, response: pageResponse,
      handler: ({ params, request, reply }) => withToken(store, request, reply, params.token, LINK_PURPOSES, async (claims) => {
        // Only a deliberate POST unsubscribes: link scanners fetch with GET, and GET only shows the page.
        if (!isOneClickUnsubscribe(formOf(request))) return renderBadForm('To unsubscribe, use the button on your preferences page.', params.token);
        const channel = claims.channel ?? 'email';
        const profileId = await currentProfile(claims.profileId);
        const consent = profileId === undefined ? undefined : await updateConsent(store, profileId, { channels: { [channel]: false } }, 'unsubscribe-link');
        if (profileId !== undefined && consent !== undefined) await recordUnsubscribes(request, [channel], { ...claims, profileId }, 'unsubscribe-link');
        // With no profile left there is nobody to write to: the answer is the same.
        return renderUnsubscribed(channel, params.token);
      }),
    }),
    defineRoute({
      method: 'POST', url: '/u/:token/preferences', tag: 'member pages', auth: 'none', produces: 'text/html',
      summary: 'Saves the preference form (tier, channel[]); audited with source `preference-page`; redirects back (303).',
      params: tokenParams, validateBody: false, bodyLimit: FORM_LIMIT, response: pageResponse,
      handler: ({ params, request, reply }) => withToken(store, request, reply, params.token, LINK_PURPOSES, async (claims) => {
        const back = `../${params.token}`;
        const form = formOf(request);
        const tier = form?.get('tier');
        if (form === undefined || tier === null || tier === undefined || !(CONSENT_TIERS as readonly string[]).includes(tier)) {
          return renderBadForm('Please choose one of the options for how much we may personalize.', back);
        }
        const chosen = new Set(form.getAll('channel'));
        const channels = Object.fromEntries(CHANNELS.map((c) => [c, chosen.has(c)])) as Record<Channel, boolean>;
        const profileId = await currentProfile(claims.profileId);
        const before = profileId === undefined ? undefined : await getProfile(store.db, profileId);
        if (profileId === undefined || before === undefined) return renderNoProfile();
        await updateConsent(store, profileId, { tier: tier as ConsentTier, channels }, 'preference-page');
        const turnedOff = CHANNELS.filter((c) => before.consent.channels[c] && !channels[c]);
        await recordUnsubscribes(request, turnedOff, { ...claims, profileId }, 'preference-page');
        // Post/redirect/get: reloading the confirmation does not post the form again.
        return { redirect: `${back}?saved=1`, status: 303 };
      }),
    }),
    defineRoute({
      method: 'GET', url: '/why/:token', tag: 'member pages', auth: 'none', produces: 'text/html',
      summary: '"Why was this recommended?": the plain-language reasons of the decision behind a message.',
      params: tokenParams, response: pageResponse,
      handler: ({ params, request, reply }) => withToken(store, request, reply, params.token, ['why'], async (claims) => {
        if (options.explainDecision === undefined) return renderExplanationsUnavailable();
        const profileId = await currentProfile(claims.profileId);
        const explanation = profileId === undefined ? undefined : await options.explainDecision(store, claims.decisionId as string /* why tokens always carry one */, profileId);
        if (explanation === undefined) return renderNoExplanation();
        // A preferences link made for this member, so the page can offer to change what may be used.
        const signer = await tokenSignerFor(store);
        const preferences = signer.issue({ purpose: 'preferences', profileId: claims.profileId, ...(claims.channel !== undefined ? { channel: claims.channel } : {}) });
        return renderWhy(explanation, `../u/${preferences}`);
      }),
    }),
  ];
}
