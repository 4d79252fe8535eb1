// Scoring one member with a training run's models (pure). The decision engine can call this at
// decision time for a fresh view, or read the weekly scores from the store.
import type { Product } from '../core/index.js';
import type { MemberSnapshot } from '../features/index.js';
import { productRanker } from './affinity.js';
import { scoreChurn } from './churn.js';
import { scoreClv } from './clv.js';
import { emotionalStateOf } from './emotion.js';
import { listPrices } from './fit.js';
import type { TrainedModels } from './models.js';
import type { MemberScores } from './scores.js';
import { segmentOf } from './segments.js';
import { bestHourOf, preferredChannelOf } from './sendtime.js';

export type Scorer = (member: MemberSnapshot) => MemberScores;

/** A scorer for one run's models, the current catalog (stock, sizes, prices) and a moment. */
export function createScorer(models: TrainedModels, catalog: readonly Product[], now: number): Scorer {
  const listPrice = listPrices(catalog);
  const rankProducts = productRanker(models.affinity, catalog);
  return (member) => {
    const segment = segmentOf(models.segments, member, now, listPrice);
    const value = scoreClv(models.clv, member, now);
    const churn = scoreChurn(models.churn, models.clv, member, now);
    const products = rankProducts(member);
    const hour = bestHourOf(models.sendTime, member, segment.assignment.name, now);
    const channel = preferredChannelOf(models.channel, member);
    const emotion = emotionalStateOf(member, now);
    return {
      profileId: member.profileId,
      modelVersion: models.version,
      scoredAt: now,
      tier: member.consent.tier,
      segment: { name: segment.assignment.name, reasons: segment.assignment.reasons },
      churnRisk: churn.churnRisk,
      clv: value.clv,
      pAlive: value.pAlive,
      expectedPurchases: value.expectedPurchases,
      topProducts: products.topProducts,
      bestHour: hour.bestHour,
      preferredChannel: channel.preferredChannel,
      emotionalState: emotion.emotionalState,
      basis: {
        segment: segment.basis,
        churnRisk: churn.basis,
        value: value.basis,
        topProducts: products.basis,
        // The segment chose the prior the member's own hours were shrunk toward.
        bestHour: union(hour.basis, segment.basis),
        preferredChannel: channel.basis,
        emotionalState: emotion.basis,
      },
    };
  };
}

function union(a: readonly string[], b: readonly string[]): MemberScores['basis']['bestHour'] {
  return [...new Set([...a, ...b])].sort() as MemberScores['basis']['bestHour'];
}
