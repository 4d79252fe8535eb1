// The JSON files the CLI (and anyone linting from files) reads: a message to lint and a catalog.
import { z } from 'zod';
import { CHANNELS, CONSENT_TIERS } from '../../core/consent.js';

const messageProductSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  price: z.number().nonnegative(),
});

/** A message with the facts about its member and authorship. Unknown keys are errors (typos). */
export const lintFileSchema = z
  .object({
    channel: z.enum(CHANNELS),
    subject: z.string().optional(),
    body: z.string(),
    tier: z.enum(CONSENT_TIERS),
    /** An LLM wrote (part of) the copy. */
    generated: z.boolean().default(false),
    /** A bot speaks to the member in the first person. */
    bot: z.boolean().default(false),
    recommendation: z.boolean().default(false),
    products: z.array(messageProductSchema).default([]),
  })
  .strict();
export type LintFile = z.infer<typeof lintFileSchema>;

/** A catalog as in `core/catalog.ts`; only id, name and price are required, other fields pass. */
export const catalogFileSchema = z.array(
  z
    .object({
      id: z.string().min(1),
      name: z.string().min(1),
      category: z.string().optional(),
      price: z.number().nonnegative(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD').optional(),
      inventory: z.number().int().nonnegative().nullable().optional(),
    })
    .loose(),
);
export type CatalogFile = z.infer<typeof catalogFileSchema>;
