// attune.config.json: the actions a marketer defines, the guardrails no policy may cross, the
// global holdout, hand-over rules and the economics the policy prices contact with.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import '../core/validation.js';
import { CHANNELS, CONSENT_TIERS } from '../core/index.js';

export const BUILT_IN_ACTIONS = ['silence', 'human_outreach'] as const;
export type BuiltInAction = (typeof BUILT_IN_ACTIONS)[number];

const channel = z.enum(CHANNELS);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

export const conditionSchema = z.strictObject({
  /** A path in the member view, e.g. `purchase.daysSinceLastOrder` (see docs/decide.md). */
  field: z.string().regex(/^[a-z][A-Za-z]*(\.[A-Za-z]+)+$/, 'must be a member-view path such as purchase.orders'),
  op: z.enum(['<', '<=', '>', '>=', '==', '!=', 'in', 'exists']),
  value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export const actionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case')
    .refine((id) => !(BUILT_IN_ACTIONS as readonly string[]).includes(id), 'is a built-in action'),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Member-facing reason shown in "Why was this recommended?", value-first (e.g. "New trail gear just arrived"). */
  why: z.string().min(1).default('We thought this might be useful to you.'),
  channels: z.array(channel).min(1),
  /** Promotional actions are suppressed after complaints and count as marketing touches. */
  promotional: z.boolean().default(true),
  eligibility: z
    .strictObject({
      segments: z.array(z.string()).optional(),
      tiers: z.array(z.enum(CONSENT_TIERS)).optional(),
      conditions: z.array(conditionSchema).default([]),
    })
    .default({ conditions: [] }),
  /** Template set used to write the message (examples/athena/templates/<template>/…). */
  template: z.string().min(1),
  /**
   * Which products the message is about: `recommended` (model picks for proactive members, else
   * the member's top categories, else featured), `cart`, `last_purchase`, `top_categories`,
   * `featured` (the catalog's order, in stock), or `none`; optionally limited to categories.
   */
  products: z
    .strictObject({
      source: z.enum(['recommended', 'cart', 'last_purchase', 'top_categories', 'featured', 'none']).default('recommended'),
      categories: z.array(z.string().min(1)).optional(),
      count: z.number().int().min(1).max(6).default(3),
    })
    .prefault({}),
  /**
   * What a success is worth: `order` = an order within the reward window (expected order value ×
   * margin); `retention` = a share of the member's value kept; `service` = a fixed goodwill value.
   */
  value: z.strictObject({
    kind: z.enum(['order', 'retention', 'service']),
    amount: z.number().nonnegative().optional(),
  }),
  /** Prior belief about the success rate, as pseudo-counts (Beta prior). */
  prior: z.strictObject({ successes: z.number().positive(), failures: z.number().positive() }).default({ successes: 1, failures: 49 }),
  priority: z.number().int().default(0),
  caps: z.strictObject({ per7Days: z.number().int().positive().optional(), cooldownDays: z.number().nonnegative().optional() }).default({}),
  humanReview: z.boolean().default(false),
  /**
   * Event-triggered action: decided `afterHours` after `event`, cancelled if any `cancelOn` event
   * happens first, expired if found more than `maxDelayHours` after it was due (a reminder days
   * late, e.g. after importing old events, does more harm than none).
   */
  trigger: z
    .strictObject({
      event: z.string().min(1), afterHours: z.number().positive(), cancelOn: z.array(z.string().min(1)).default([]),
      maxDelayHours: z.number().positive().default(48),
    })
    .optional(),
});
export type ActionConfig = z.infer<typeof actionSchema>;

export const guardrailsSchema = z
  .strictObject({
    maxTouchesPer7Days: z.number().int().min(0).default(2),
    maxTouchesPerDay: z.number().int().min(0).default(1),
    channelTouchesPer7Days: z.partialRecord(channel, z.number().int().min(0)).default({ email: 2, sms: 1, push: 2, in_app: 3 }),
    quietHours: z.strictObject({ start: hhmm, end: hhmm }).default({ start: '21:00', end: '08:00' }),
    /** Days without promotions after a complaint, an order problem or a negative support message. */
    suppressionDays: z.number().min(0).default(7),
    /** After this many ignored marketing touches in a row, pause marketing for cooldownDays. */
    ignoredInARow: z.number().int().min(1).default(2),
    cooldownDays: z.number().min(0).default(14),
    /** A touch with no open, click or order within this many hours counts as ignored. */
    ignoredAfterHours: z.number().positive().default(72),
  })
  .prefault({});

export const holdoutSchema = z
  .strictObject({
    share: z.number().min(0).max(0.5).default(0.1),
    salt: z.string().min(1).default('attune-global-holdout'),
    /** `none`: holdout members get no AI-chosen action; `business_as_usual`: they get the baseline action. */
    treatment: z.enum(['none', 'business_as_usual']).default('none'),
    baseline: z.strictObject({ action: z.string(), channel }).optional(),
  })
  .prefault({})
  .refine((h) => h.treatment === 'none' || h.baseline !== undefined, { message: 'business_as_usual needs a baseline {action, channel}', path: ['baseline'] });

export const handoverSchema = z
  .strictObject({
    emotionalStates: z.array(z.enum(['anxious', 'frustrated', 'angry'])).default(['frustrated', 'angry']),
    minIntensity: z.number().min(0).max(1).default(0.4),
    /** A member whose value reaches this (CLV, or 2 years of revenue when CLV is not allowed) and whose risk reaches highRisk. */
    highValue: z.number().nonnegative().default(500),
    highRisk: z.number().min(0).max(1).default(0.6),
    /** Days before the same member can be handed over again. */
    repeatAfterDays: z.number().min(0).default(14),
  })
  .prefault({});

export const economicsSchema = z
  .strictObject({
    averageOrderValue: z.number().positive().default(60),
    margin: z.number().min(0).max(1).default(0.4),
    /** Cost of each touch already received in the last 7 days (attention is not free). */
    fatigueCostPerTouch: z.number().min(0).default(0.5),
    /** Prior rate of unsubscribe/complaint per touch, and what losing the member costs as a share of their value. */
    regretPrior: z.strictObject({ events: z.number().positive(), touches: z.number().positive() }).default({ events: 1, touches: 200 }),
    regretCostShare: z.number().min(0).max(1).default(0.5),
    serviceValue: z.number().nonnegative().default(2),
  })
  .prefault({});

export const timingSchema = z
  .strictObject({
    /** Local hour used when a member's best hour is unknown or not ours to use. */
    defaultHour: z.number().int().min(0).max(23).default(10),
  })
  .prefault({});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  brand: z.strictObject({ name: z.string().min(1), baseUrl: z.url() }).default({ name: 'Attune', baseUrl: 'http://127.0.0.1:4000' }),
  actions: z
    .array(actionSchema)
    .min(1)
    .refine((actions) => new Set(actions.map((a) => a.id)).size === actions.length, 'action ids must be unique'),
  guardrails: guardrailsSchema,
  holdout: holdoutSchema,
  handover: handoverSchema,
  economics: economicsSchema,
  timing: timingSchema,
});
export type AttuneConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(value: unknown, source = 'config'): AttuneConfig {
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  const config = result.data;
  const baseline = config.holdout.baseline;
  if (baseline !== undefined && !config.actions.some((a) => a.id === baseline.action && a.channels.includes(baseline.channel))) {
    throw new ConfigError(`${source} is invalid:\n  holdout.baseline: no action "${baseline.action}" on channel ${baseline.channel}`);
  }
  return config;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE_CONFIG_PATH = join(projectRoot, 'examples', 'athena', 'attune.config.json');

/** `ATTUNE_CONFIG`, else ./attune.config.json, else the bundled Athena example. */
export function resolveConfigPath(flag?: string): string {
  if (flag) return resolve(flag);
  if (process.env.ATTUNE_CONFIG) return resolve(process.env.ATTUNE_CONFIG);
  const local = resolve('attune.config.json');
  return existsSync(local) ? local : EXAMPLE_CONFIG_PATH;
}

export function loadConfig(path = resolveConfigPath()): AttuneConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, path);
}
