// What the understanding stage says about one member: the scores the decision engine reads,
// each with the data classes it was computed from (so explanations cite only those).
import { z } from 'zod';
import type { Channel, ConsentTier, DataClass } from '../core/index.js';
import type { SegmentLabel, SegmentReason } from '../models/segments/index.js';
import type { TopProduct } from './affinity.js';
import type { EmotionalStateScore } from './emotion.js';
import type { BestHour } from './sendtime.js';

export const SCORE_NAMES = ['segment', 'churnRisk', 'value', 'topProducts', 'bestHour', 'preferredChannel', 'emotionalState'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

export interface MemberScores {
  profileId: string;
  /** The training run whose models produced these scores. */
  modelVersion: string;
  scoredAt: number;
  /** The consent tier the scores were computed under. */
  tier: ConsentTier;
  segment: { name: SegmentLabel; reasons: SegmentReason[] };
  /** P(no order in the next three months); null for non-buyers or when purchases may not be used. */
  churnRisk: number | null;
  /** Discounted expected revenue over the next 52 weeks. */
  clv: number | null;
  pAlive: number | null;
  /** Expected orders in the next 52 weeks. */
  expectedPurchases: number | null;
  topProducts: TopProduct[];
  bestHour: BestHour | null;
  preferredChannel: Channel | null;
  /** Protection only: suppress promotions or hand over to a person, never to sell. */
  emotionalState: EmotionalStateScore;
  /** The data classes each score was computed from (empty: from no personal data). */
  basis: Record<ScoreName, DataClass[]>;
}

const reasonSchema = z.object({ code: z.string(), text: z.string() });

/** The `scores` of `GET /v1/profiles/{idType}/{id}`: MemberScores with an ISO `scoredAt`; null when never scored. */
export const scoresViewSchema = z
  .object({
    modelVersion: z.string(),
    scoredAt: z.string(),
    tier: z.string(),
    segment: z.object({ name: z.string(), reasons: z.array(reasonSchema.extend({ feature: z.string().optional(), z: z.number().optional() })) }),
    churnRisk: z.number().nullable(),
    clv: z.number().nullable(),
    pAlive: z.number().nullable(),
    expectedPurchases: z.number().nullable(),
    topProducts: z.array(z.object({
      productId: z.string(), name: z.string(), score: z.number(),
      reasons: z.array(reasonSchema.extend({ anchorProductId: z.string().optional() })),
    })),
    bestHour: z.object({ hourOfWeek: z.number(), weekday: z.string(), hour: z.number(), timezone: z.string(), observations: z.number() }).nullable(),
    preferredChannel: z.string().nullable(),
    emotionalState: z.object({ state: z.string(), intensity: z.number(), needsHuman: z.boolean(), humanReasons: z.array(z.string()) }),
    basis: z.record(z.string(), z.array(z.string())),
  })
  .nullable();

export function scoresView(scores: MemberScores | undefined): z.infer<typeof scoresViewSchema> {
  if (scores === undefined) return null;
  const { profileId: _profileId, scoredAt, ...rest } = scores;
  return { ...rest, scoredAt: new Date(scoredAt).toISOString() };
}
