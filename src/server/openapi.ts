// /openapi.json, generated from the same route declarations and zod schemas that validate requests.
import { z } from 'zod';
import { errorResponseSchema } from '../ingest/schema.js';
import type { AnyRoute } from './route.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input; nothing was changed',
  401: 'Missing or wrong credentials',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large; nothing was stored',
  500: 'Internal error; nothing was changed',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

function parameters(route: AnyRoute): unknown[] {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (schema === undefined) continue;
    const doc = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(doc.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (doc.required ?? []).includes(name), schema: property });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly AnyRoute[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const statuses = [400, ...(route.auth === 'none' ? [] : [401]), ...(route.errors ?? []), 500];
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        content: { [route.produces ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } },
      },
    };
    for (const status of statuses) {
      responses[status] = { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: jsonSchema(errorResponseSchema, 'output') } } };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === 'writeKey' ? { security: [{ writeKey: [] }] } : route.auth === 'admin' ? { security: [{ adminToken: [] }] } : {}),
      parameters: parameters(route),
      ...(route.body !== undefined ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Attune API',
      version,
      description: 'Segment-compatible ingestion and the admin API of Attune. Ingest calls authenticate with HTTP Basic auth (write key as user name, empty password); admin calls with a Bearer token.',
    },
    components: {
      securitySchemes: {
        writeKey: { type: 'http', scheme: 'basic', description: 'Write key as the user name, empty password.' },
        adminToken: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
