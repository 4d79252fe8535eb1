// What the outbox stores for a message: the composed content, the tier it was written for (a
// later downgrade suppresses it), its links, and how it was written (for review and reports).
import { z } from 'zod';
import { CHANNELS, CONSENT_TIERS } from '../core/index.js';

export const outboxMessageSchema = z.object({
  content: z.object({
    channel: z.enum(CHANNELS),
    subject: z.string().optional(),
    title: z.string().optional(),
    html: z.string().optional(),
    text: z.string(),
  }),
  tier: z.enum(CONSENT_TIERS),
  unsubscribeUrl: z.string(),
  whyUrl: z.string().optional(),
  framing: z.string().optional(),
  templateId: z.string().optional(),
  variant: z.string().optional(),
  generated: z.boolean().optional(),
  /** The products the message is about, as it states them (re-checked when a reviewer edits it). */
  products: z.array(z.object({ id: z.string(), name: z.string(), price: z.number() })).optional(),
  violations: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
});

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
