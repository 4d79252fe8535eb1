// The admin API of profiles: look up, consent, events, export, erasure.
import { z } from 'zod';
import { consentHistory, consentUpdateSchema, updateConsent } from '../../consent/index.js';
import { DATA_CLASSES } from '../../core/index.js';
import { findProfileId, LOOKUP_ID_TYPES, profileView } from '../../profiles/index.js';
import { eraseMember, exportMember, getProfile, getScores, inTransaction, listEvents, type EventCursor, type Store } from '../../store/index.js';
import { scoresView, scoresViewSchema } from '../../understand/index.js';
import { HttpError } from '../errors.js';
import { defineRoute, type AnyRoute } from '../route.js';

const profileParams = z.object({
  idType: z.enum(LOOKUP_ID_TYPES),
  id: z.string().min(1).max(512),
});

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time').transform((v) => Date.parse(v));

const cursorSchema = z
  .string()
  .transform((value, ctx): EventCursor => {
    try {
      const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { t?: unknown; m?: unknown };
      if (typeof parsed.t === 'number' && typeof parsed.m === 'string') return { timestamp: parsed.t, messageId: parsed.m };
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'not a cursor returned by this API' });
    return z.NEVER;
  });

const eventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: cursorSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  dataClass: z.enum(DATA_CLASSES).optional(),
});

const profileResponse = z.object({
  profileId: z.string(),
  identifiers: z.array(z.object({ type: z.string(), value: z.string() })),
  traits: z.record(z.string(), z.unknown()),
  consent: z.object({ tier: z.string(), channels: z.record(z.string(), z.boolean()) }),
  timezone: z.string().nullable(),
  firstSeenAt: z.string(),
  updatedAt: z.string(),
  stats: z.record(z.string(), z.unknown()),
  /** The latest `attune train` scores, with the model version; null when never scored. */
  scores: scoresViewSchema,
});

export function profileRoutes(store: Store): AnyRoute[] {
  async function resolve(params: z.infer<typeof profileParams>): Promise<string> {
    const profileId = await findProfileId(store.db, params.idType, params.id);
    if (profileId === undefined) throw new HttpError(404, `no profile with ${params.idType} ${JSON.stringify(params.id)}`);
    return profileId;
  }

  return [
    defineRoute({
      method: 'GET', url: '/v1/profiles/:idType/:id', tag: 'profiles', auth: 'admin',
      summary: 'The unified profile: identifiers, traits, consent, live stats and the latest model scores.',
      params: profileParams, response: profileResponse, errors: [404],
      handler: async ({ params }) => {
        const record = await getProfile(store.db, await resolve(params));
        if (record === undefined) throw new HttpError(404, 'profile not found');
        return { ...(await profileView(store.db, record)), scores: scoresView(await getScores(store.db, record.profileId)) };
      },
    }),
    defineRoute({
      method: 'PUT', url: '/v1/profiles/:idType/:id/consent', tag: 'profiles', auth: 'admin',
      summary: 'Change the consent tier and/or channel subscriptions; the change is audited.',
      params: profileParams, body: consentUpdateSchema, errors: [404],
      response: z.object({ consent: profileResponse.shape.consent, history: z.array(z.unknown()) }),
      handler: async ({ params, body }) => {
        const profileId = await resolve(params);
        const consent = await updateConsent(store, profileId, body, 'api');
        if (consent === undefined) throw new HttpError(404, 'profile not found');
        const history = await consentHistory(store.db, profileId);
        return { consent, history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/profiles/:idType/:id/events', tag: 'profiles', auth: 'admin',
      summary: 'The member’s events, newest first; pass `cursor` from the previous page for older ones.',
      params: profileParams, query: eventsQuery, errors: [404],
      response: z.object({ events: z.array(z.record(z.string(), z.unknown())), cursor: z.string().optional() }),
      handler: async ({ params, query }) => {
        const page = await listEvents(store.db, await resolve(params), {
          limit: query.limit,
          ...(query.cursor !== undefined ? { after: query.cursor } : {}),
          ...(query.from !== undefined ? { from: query.from } : {}),
          ...(query.to !== undefined ? { to: query.to } : {}),
          ...(query.dataClass !== undefined ? { dataClasses: [query.dataClass] } : {}),
        });
        return {
          events: page.events.map((e) => ({ ...e.message, dataClass: e.dataClass })),
          ...(page.next !== undefined ? { cursor: Buffer.from(JSON.stringify({ t: page.next.timestamp, m: page.next.messageId })).toString('base64url') } : {}),
        };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/profiles/:idType/:id/export', tag: 'profiles', auth: 'admin',
      summary: 'Everything held about the member, table by table (data portability).',
      params: profileParams, errors: [404],
      response: z.object({ profileId: z.string(), exportedAt: z.string(), tables: z.record(z.string(), z.array(z.unknown())) }),
      handler: async ({ params }) => {
        const profileId = await resolve(params);
        return { profileId, exportedAt: new Date().toISOString(), tables: await exportMember(store.db, profileId) };
      },
    }),
    defineRoute({
      method: 'DELETE', url: '/v1/profiles/:idType/:id', tag: 'profiles', auth: 'admin',
      summary: 'Erase the member from every table, events included.',
      params: profileParams, errors: [404],
      response: z.object({ erased: z.literal(true), profileId: z.string(), deleted: z.record(z.string(), z.number()) }),
      handler: async ({ params }) => {
        const profileId = await resolve(params);
        const deleted = await inTransaction(store, (trx) => eraseMember(trx, profileId));
        return { erased: true as const, profileId, deleted };
      },
    }),
  ];
}
