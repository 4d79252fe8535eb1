// The ingest contract: Segment's HTTP tracking API messages, validated with zod. These schemas
// are also the source of /openapi.json, so the documented contract and the enforced one are one.
// Objects are loose: fields Attune does not interpret are kept with the message, not dropped.
import '../core/validation.js';
import { z } from 'zod';

/** Segment's limits: 32 KB per message, 500 KB and 2,500 messages per batch. */
export const LIMITS = {
  messageBytes: 32 * 1024,
  batchBytes: 500 * 1024,
  batchMessages: 2500,
} as const;

const id = z.union([z.string(), z.number()]).transform(String);
const jsonObject = z.record(z.string(), z.unknown());
const isoTime = z
  .union([z.string(), z.number()])
  .refine((value) => !Number.isNaN(new Date(value).getTime()), { message: 'must be an ISO-8601 date-time' });

const common = {
  messageId: z.string().min(1).max(256).optional(),
  userId: id.optional(),
  anonymousId: id.optional(),
  timestamp: isoTime.optional(),
  originalTimestamp: isoTime.optional(),
  sentAt: isoTime.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  version: z.unknown().optional(),
  channel: z.string().optional(),
  writeKey: z.string().optional(),
};

const needsUser = <T extends { userId?: string | undefined; anonymousId?: string | undefined }>(m: T) =>
  (m.userId !== undefined && m.userId !== '') || (m.anonymousId !== undefined && m.anonymousId !== '');
const needsUserIssue = { message: 'userId or anonymousId is required', path: ['userId'] };

export const identifySchema = z
  .looseObject({ ...common, type: z.literal('identify').optional(), traits: jsonObject.optional() })
  .refine(needsUser, needsUserIssue);

export const trackSchema = z
  .looseObject({
    ...common,
    type: z.literal('track').optional(),
    event: z.string().min(1, 'event name is required').max(200),
    properties: jsonObject.optional(),
  })
  .refine(needsUser, needsUserIssue);

export const pageSchema = z
  .looseObject({ ...common, type: z.literal('page').optional(), name: z.string().optional(), category: z.string().optional(), properties: jsonObject.optional() })
  .refine(needsUser, needsUserIssue);

export const screenSchema = z
  .looseObject({ ...common, type: z.literal('screen').optional(), name: z.string().optional(), category: z.string().optional(), properties: jsonObject.optional() })
  .refine(needsUser, needsUserIssue);

export const groupSchema = z
  .looseObject({ ...common, type: z.literal('group').optional(), groupId: id, traits: jsonObject.optional() })
  .refine(needsUser, needsUserIssue);

export const aliasSchema = z.looseObject({
  ...common,
  type: z.literal('alias').optional(),
  userId: id.refine((v) => v !== '', 'userId is required'),
  previousId: id.refine((v) => v !== '', 'previousId is required'),
});

export const messageSchemas = {
  identify: identifySchema,
  track: trackSchema,
  page: pageSchema,
  screen: screenSchema,
  group: groupSchema,
  alias: aliasSchema,
} as const;

export type SingleMessageType = keyof typeof messageSchemas;

export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1, 'batch must hold at least one message'),
  sentAt: isoTime.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  writeKey: z.string().optional(),
});

export type RawMessage = { type: SingleMessageType } & Record<string, unknown>;

export const successResponseSchema = z.object({ success: z.literal(true) });
export const errorResponseSchema = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/**
 * Properties of the events whose meaning Attune acts on. A wrong shape here would otherwise be
 * silently ignored (a consent change that never happens), so it is rejected at the door.
 * Other events' properties are free-form, as in Segment.
 */
const channelName = z.enum(['email', 'sms', 'push', 'in_app']);
const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number')]);
export const eventPropertySchemas: Record<string, z.ZodType> = {
  'Consent Updated': z.looseObject({
    tier: z.enum(['basic', 'personalized', 'proactive']).optional(),
    channels: z.record(channelName, z.boolean()).optional(),
  }).refine((p) => p.tier !== undefined || p.channels !== undefined, { message: 'give tier or channels' }),
  Unsubscribed: z.looseObject({ channel: channelName.optional() }),
  Subscribed: z.looseObject({ channel: channelName.optional() }),
  'Support Message': z.looseObject({
    text: z.string().max(10_000),
    direction: z.enum(['inbound', 'outbound']).optional(),
  }),
  'Points Earned': z.looseObject({ points: amount }),
  'Points Redeemed': z.looseObject({ points: amount }),
  'Survey Answered': z.looseObject({
    survey: z.string().optional(),
    score: amount,
  }),
  'Order Completed': z.looseObject({
    order_id: z.union([z.string(), z.number()]).optional(),
    revenue: amount.optional(),
    total: amount.optional(),
    products: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
};
