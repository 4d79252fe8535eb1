// Health, metrics and the API description.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import type { Metrics } from '../metrics.js';
import { defineRoute, type AnyRoute } from '../route.js';

export function systemRoutes(store: Store, metrics: Metrics, openApi: () => unknown): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/healthz', tag: 'system', auth: 'none',
      summary: 'Liveness and database reachability.',
      response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
      handler: async () => {
        await sql`select 1`.execute(store.db);
        return { status: 'ok' as const, database: store.dialect };
      },
    }),
    defineRoute({
      method: 'GET', url: '/metrics', tag: 'system', auth: 'none',
      summary: 'Prometheus metrics.', produces: 'text/plain', response: z.string(),
      handler: async ({ reply }) => {
        reply.header('content-type', metrics.registry.contentType);
        return metrics.registry.metrics();
      },
    }),
    defineRoute({
      method: 'GET', url: '/openapi.json', tag: 'system', auth: 'none',
      summary: 'This API, described as OpenAPI 3.', response: z.record(z.string(), z.unknown()),
      handler: async () => openApi(),
    }),
  ];
}
