// A route is declared once: its method and path, who may call it, the zod schemas of its
// input and output, and its handler. The same declaration registers it with fastify, validates
// every request, and documents it in /openapi.json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError, zodIssues } from './errors.js';

export type Auth = 'writeKey' | 'admin' | 'none';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** fastify path syntax: `/v1/profiles/:idType/:id`. */
  url: string;
  summary: string;
  tag: string;
  auth: Auth;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** The request body's schema. */
  body?: z.ZodType<B>;
  /** When false the handler validates the raw body itself (ingest: batch-aware errors, size limits). */
  validateBody?: boolean;
  bodyLimit?: number;
  /** Schema of the 200 response, for the documentation. */
  response: z.ZodType;
  /** Content type of the 200 response when it is not JSON. */
  produces?: string;
  /** Extra error statuses worth documenting besides 400/401/500. */
  errors?: number[];
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

export type AnyRoute = RouteSpec<any, any, any>;

export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (schema === undefined) return value as T;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new HttpError(400, `invalid ${where}`, zodIssues(result.error, where === 'body' ? [] : [where]));
  return result.data;
}

export function registerRoutes(
  app: FastifyInstance,
  routes: readonly AnyRoute[],
  authenticate: (auth: Auth, request: FastifyRequest) => Promise<void>,
): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit !== undefined ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (request, reply) => {
        await authenticate(spec.auth, request);
        const params = parsePart(spec.params, request.params, 'params');
        const query = parsePart(spec.query, request.query, 'query');
        const body = spec.validateBody === false ? request.body : parsePart(spec.body, request.body, 'body');
        const result = await spec.handler({ params, query, body, request, reply });
        if (reply.sent) return reply;
        return result;
      },
    });
  }
}
