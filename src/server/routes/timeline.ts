// The cumulative experience of one member: every touch they received, on every channel, with the
// decision behind it, and how much contact that adds up to (docs/reports.md §Cumulative experience).
import { z } from 'zod';
import type { AttuneConfig } from '../../decide/index.js';
import { memberTimeline, ReportInputError, toTime } from '../../measure/reports/index.js';
import { findProfileId, LOOKUP_ID_TYPES } from '../../profiles/index.js';
import type { Store } from '../../store/index.js';
import { HttpError } from '../errors.js';
import { defineRoute, type AnyRoute } from '../route.js';

/** A date or date-time in a report query, read exactly as the CLI reads `--from` and `--to`. */
export const reportTime = z.string().refine((value) => {
  try {
    toTime(value, 'time');
    return true;
  } catch {
    return false;
  }
}, 'must be an ISO-8601 date (2025-03-01) or date-time with offset (2025-03-01T00:00:00Z)');

/** Runs a report; a request it cannot answer (an empty window, no decisions yet) is a 400. */
export async function withReportErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReportInputError) throw new HttpError(400, error.message);
    throw error;
  }
}

const timelineQuery = z.object({
  from: reportTime.optional(),
  /** Also the moment the contact pressure is measured at (default: now, and the timeline is open-ended). */
  to: reportTime.optional(),
});

const touchSchema = z.object({
  kind: z.enum(['message', 'person']),
  decisionId: z.string(),
  at: z.string(),
  channel: z.string(),
  action: z.string(),
  framing: z.string().nullable(),
  state: z.string(),
  outcome: z.string().nullable(),
  promotional: z.boolean(),
  holdout: z.boolean(),
});

export function timelineRoutes(store: Store, config: () => AttuneConfig): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/profiles/:idType/:id/timeline', tag: 'profiles', auth: 'admin',
      summary: 'Every touch the member received (messages on all channels and hand-overs to a person), with decision, framing, state and outcome, and the contact-pressure score (0–100).',
      params: z.object({ idType: z.enum(LOOKUP_ID_TYPES), id: z.string().min(1).max(512) }),
      query: timelineQuery, errors: [404],
      response: z.object({
        profileId: z.string(),
        window: z.object({ from: z.string(), to: z.string() }),
        touches: z.array(touchSchema),
        contactPressure: z.object({ score: z.number(), asOf: z.string(), last7Days: z.number(), last30Days: z.number() }),
      }),
      handler: async ({ params, query }) => {
        const profileId = await findProfileId(store.db, params.idType, params.id);
        if (profileId === undefined) throw new HttpError(404, `no profile with ${params.idType} ${JSON.stringify(params.id)}`);
        return withReportErrors(() => memberTimeline(store, profileId, { ...query, config: config() }));
      },
    }),
  ];
}
