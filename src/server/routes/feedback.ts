// Feedback from delivered messages, recorded through ingest so the loop learns: tracked clicks
// (`/c/{token}`), the opt-in open pixel (`/o/{token}.gif`), signed delivery receipts from
// providers (`/v1/feedback/webhook`) and bounce reports (`/v1/feedback/bounces`).
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  bounceEvents, clickEvent, openEvent, parseBounce, receiptEvent, receiptSchema, recordFeedback, SIGNATURE_HEADER, verifyWebhookSignature,
  type FeedbackEvent, type RecordOutcome,
} from '../../deliver/channels/index.js';
import { renderExpiredClick, renderTokenError } from '../../deliver/pages/index.js';
import { TokenError, tokenSignerFor } from '../../deliver/tokens.js';
import type { IngestWriter } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { HttpError, zodIssues } from '../errors.js';
import { defineRoute, type AnyRoute } from '../route.js';
import { withToken } from './member.js';

const RECEIPTS_URL = '/v1/feedback/webhook';
const RECEIPT_LIMIT = 64 * 1024;
const BOUNCE_LIMIT = 2 * 1024 * 1024;
/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const rawBodies = new WeakMap<FastifyRequest, Buffer[]>();

/**
 * Receipts are verified against the exact bytes received, which the JSON parser does not keep:
 * for that one route the body is copied on its way to the parser. Bounce reports arrive as
 * `message/rfc822` text.
 */
export function addFeedbackBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser('message/rfc822', { parseAs: 'string', bodyLimit: BOUNCE_LIMIT }, (_request, body, done) => done(null, body));
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.routeOptions.url !== RECEIPTS_URL) return payload;
    const chunks: Buffer[] = [];
    rawBodies.set(request, chunks);
    const copy = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        // fastify compares Content-Length with the bytes read before decompression.
        (copy as unknown as { receivedEncodedLength?: number }).receivedEncodedLength = (payload as unknown as { receivedEncodedLength?: number }).receivedEncodedLength;
        done(null, chunk);
      },
    });
    return payload.pipe(copy);
  });
}

const outcomeSchema = z.enum(['recorded', 'duplicate', 'unknown_member']);

export function feedbackRoutes(store: Store, writer: IngestWriter, env: NodeJS.ProcessEnv = process.env): AnyRoute[] {
  const webhookSecret = env.ATTUNE_WEBHOOK_SECRET?.trim() || undefined;

  /** Tracking must never break a member's link: a failure to record is logged, and the member goes on. */
  async function recordQuietly(request: FastifyRequest, event: FeedbackEvent): Promise<void> {
    try {
      await recordFeedback(store, writer, event);
    } catch (error) {
      request.log.error({ err: { type: (error as Error).name, message: (error as Error).message }, event: event.event }, 'feedback not recorded');
    }
  }

  return [
    defineRoute({
      method: 'GET', url: '/c/:token', tag: 'feedback', auth: 'none', produces: 'text/html',
      summary: 'Tracked link: records the click (once per link and message), then redirects (302) to the URL signed into the token.',
      params: z.object({ token: z.string() }), response: z.string().describe('A redirect, or an HTML page for a link that does not work'),
      handler: ({ params, request, reply }) => withToken(store, request, reply, params.token, ['click'], async (claims) => {
        await recordQuietly(request, clickEvent(claims));
        // Only the URL inside the verified token is ever a target: there is no open redirect.
        return { redirect: claims.url as string, status: 302 };
      }, (error) => (error.reason === 'expired' && error.claims?.url !== undefined ? renderExpiredClick(error.claims.url) : renderTokenError(error))),
    }),
    defineRoute({
      method: 'GET', url: '/o/:token.gif', tag: 'feedback', auth: 'none', produces: 'image/gif',
      summary: 'Open pixel (opt-in): records an open, once per message. Opens are unreliable: privacy proxies fetch images unopened, and many clients block them.',
      params: z.object({ token: z.string() }), response: z.string().describe('A transparent 1×1 GIF'),
      handler: async ({ params, request, reply }) => {
        try {
          await recordFeedback(store, writer, openEvent((await tokenSignerFor(store)).verify(params.token, ['open'])));
        } catch (error) {
          // An image cannot show an error page: whatever went wrong, the pixel is served and nothing is recorded.
          if (!(error instanceof TokenError)) request.log.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'open not recorded');
        }
        return reply.code(200).headers({ 'content-type': 'image/gif', 'cache-control': 'no-store, private', 'referrer-policy': 'no-referrer' }).send(PIXEL);
      },
    }),
    defineRoute({
      method: 'POST', url: RECEIPTS_URL, tag: 'feedback', auth: 'none',
      summary: 'Delivery receipt from a provider (delivered, opened, clicked, bounced, failed, complained, unsubscribed), signed with Attune-Signature like outgoing webhooks.',
      body: receiptSchema, validateBody: false, bodyLimit: RECEIPT_LIMIT, errors: [401, 503],
      response: z.object({ outcome: outcomeSchema }),
      handler: async ({ request }) => {
        if (webhookSecret === undefined) throw new HttpError(503, 'receipts are disabled: set ATTUNE_WEBHOOK_SECRET');
        const raw = Buffer.concat(rawBodies.get(request) ?? []);
        const signature = request.headers[SIGNATURE_HEADER.toLowerCase()];
        const verified = verifyWebhookSignature(raw, typeof signature === 'string' ? signature : undefined, webhookSecret);
        if (!verified.valid) throw new HttpError(401, `invalid ${SIGNATURE_HEADER} (${verified.reason})`);
        const receipt = receiptSchema.safeParse(request.body);
        if (!receipt.success) throw new HttpError(400, 'invalid receipt', zodIssues(receipt.error));
        const outcome: RecordOutcome = await recordFeedback(store, writer, receiptEvent(receipt.data));
        return { outcome };
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/feedback/bounces', tag: 'feedback', auth: 'admin',
      summary: 'A bounce report (a delivery status notification as `message/rfc822`, e.g. piped from the bounce mailbox): failed recipients become `Email Bounced` events.',
      validateBody: false, bodyLimit: BOUNCE_LIMIT,
      response: z.object({ failed: z.number(), recorded: z.number(), duplicates: z.number(), unknownMembers: z.number() }),
      handler: async ({ body }) => {
        const report = typeof body === 'string' ? parseBounce(body) : undefined;
        if (report === undefined) throw new HttpError(400, 'not a delivery status notification: send the bounce message as Content-Type: message/rfc822');
        const outcomes: RecordOutcome[] = [];
        for (const event of bounceEvents(report)) outcomes.push(await recordFeedback(store, writer, event));
        const count = (outcome: RecordOutcome) => outcomes.filter((o) => o === outcome).length;
        return { failed: outcomes.length, recorded: count('recorded'), duplicates: count('duplicate'), unknownMembers: count('unknown_member') };
      },
    }),
  ];
}
