// The measurement reports over HTTP: GET /v1/reports/{name} returns what `attune report <name>
// --json` prints, for the same query options. Also serves the member timeline (./timeline.ts),
// so that the server wires every report route in one place.
import { z } from 'zod';
import { loadConfig, type AttuneConfig } from '../../decide/index.js';
import { REPORT_NAMES, runReport } from '../../measure/reports/index.js';
import type { Store } from '../../store/index.js';
import { defineRoute, type AnyRoute } from '../route.js';
import { reportTime, timelineRoutes, withReportErrors } from './timeline.js';

const positive = z.coerce.number().positive();

export const reportQuery = z.strictObject({
  from: reportTime.optional(),
  to: reportTime.optional(),
  pivot: reportTime.optional(),
  /** Comma-separated action ids. */
  actions: z.string().min(1).transform((v) => v.split(',').map((a) => a.trim()).filter((a) => a !== '')).optional(),
  cuped: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  lookbackDays: positive.optional(),
  horizonDays: positive.optional(),
  by: z.enum(['channel', 'action']).optional(),
  followUpHours: positive.optional(),
  segments: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  maxRows: z.coerce.number().int().positive().max(5_000_000).optional(),
});

/**
 * Report routes. `config` is the decision engine's configuration when the server has one;
 * otherwise attune.config.json is read when a report first needs it (holdout rule, caps).
 */
export function reportRoutes(store: Store, config?: AttuneConfig): AnyRoute[] {
  let loaded = config;
  const settings = () => (loaded ??= loadConfig());
  return [
    ...timelineRoutes(store, settings),
    defineRoute({
      method: 'GET', url: '/v1/reports/:name', tag: 'reports', auth: 'admin',
      summary: `A measurement report (${REPORT_NAMES.join(', ')}) over a window: ?from=…&to=… (ISO 8601; default the last 28 days of stored data). See docs/reports.md.`,
      params: z.object({ name: z.enum(REPORT_NAMES) }),
      query: reportQuery,
      response: z.record(z.string(), z.unknown()),
      handler: ({ params, query }) => withReportErrors(() => runReport(store, params.name, { ...query, config: settings() })),
    }),
  ];
}
