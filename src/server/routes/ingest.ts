// Segment-compatible ingestion: /v1/identify, track, page, screen, group, alias, batch (and import).
import type { z } from 'zod';
import {
  LIMITS, batchSchema, messageSchemas, prepareBatch, prepareSingle, successResponseSchema,
  type IngestWriter, type Prepared, type SingleMessageType,
} from '../../ingest/index.js';
import { HttpError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { defineRoute, type AnyRoute } from '../route.js';

export function ingestRoutes(writer: IngestWriter, metrics: Metrics): AnyRoute[] {
  async function store(prepared: Prepared) {
    if (!prepared.ok) {
      metrics.eventsRejected.inc({ reason: prepared.status === 413 ? 'too_large' : 'invalid' });
      throw new HttpError(prepared.status, prepared.error, prepared.issues);
    }
    const result = await writer.submit(prepared.items);
    prepared.items.forEach((item, i) => {
      if (result.profileIds[i] !== undefined) metrics.eventsIngested.inc({ type: item.message.type });
    });
    if (result.duplicates > 0) metrics.eventsDuplicate.inc(result.duplicates);
    return { success: true as const };
  }

  const single = (Object.keys(messageSchemas) as SingleMessageType[]).map((type) =>
    defineRoute({
      method: 'POST',
      url: `/v1/${type}`,
      summary: `Record one ${type} call (Segment spec). 200 means the event is committed to storage.`,
      tag: 'ingest',
      auth: 'writeKey',
      body: messageSchemas[type] as z.ZodType,
      validateBody: false,
      bodyLimit: LIMITS.messageBytes,
      response: successResponseSchema,
      errors: [413],
      handler: ({ body }) => store(prepareSingle(type, body)),
    }),
  );

  const batch = ['/v1/batch', '/v1/import'].map((url) =>
    defineRoute({
      method: 'POST',
      url,
      summary: `Record up to ${LIMITS.batchMessages} calls at once (${LIMITS.batchMessages} messages, 500 KB). One invalid message rejects the whole batch.`,
      tag: 'ingest',
      auth: 'writeKey',
      body: batchSchema,
      validateBody: false,
      bodyLimit: LIMITS.batchBytes,
      response: successResponseSchema,
      errors: [413],
      handler: ({ body, request }) => {
        const length = Number(request.headers['content-length']);
        const plain = request.headers['content-encoding'] === undefined && Number.isFinite(length);
        return store(prepareBatch(body, Date.now(), plain ? length : undefined));
      },
    }),
  );
  return [...single, ...batch];
}
