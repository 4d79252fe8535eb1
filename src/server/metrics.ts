// Prometheus metrics (/metrics). Labels carry route patterns and event types, never personal data.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Histogram<'method' | 'route' | 'status'>;
  eventsIngested: Counter<'type'>;
  eventsDuplicate: Counter;
  eventsRejected: Counter<'reason'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Histogram({
      name: 'attune_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    eventsIngested: new Counter({ name: 'attune_events_ingested_total', help: 'Events stored, by message type.', labelNames: ['type'], registers: [registry] }),
    eventsDuplicate: new Counter({ name: 'attune_events_duplicate_total', help: 'Events acknowledged but not stored again (messageId seen before).', registers: [registry] }),
    eventsRejected: new Counter({ name: 'attune_events_rejected_total', help: 'Ingest requests rejected, by reason.', labelNames: ['reason'], registers: [registry] }),
  };
}
