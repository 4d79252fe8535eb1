// The HTTP server: fastify wiring of the routes in ./routes. No business logic lives here.
import { createGunzip } from 'node:zlib';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { ExplainDecision } from '../deliver/pages/index.js';
import { IngestWriter } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { createAuthenticator, type Credentials } from './auth.js';
import { errorBody, HttpError } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { registerRoutes, type AnyRoute } from './route.js';
import { catalogRoutes } from './routes/catalog.js';
import { decideRoutes } from './routes/decide.js';
import { addFeedbackBodyParsers, feedbackRoutes } from './routes/feedback.js';
import { ingestRoutes } from './routes/ingest.js';
import { addFormBodyParser, memberRoutes } from './routes/member.js';
import { profileRoutes } from './routes/profiles.js';
import { reviewRoutes, type Relint } from './routes/review.js';
import { reportRoutes } from './routes/reports.js';
import { systemRoutes } from './routes/system.js';
import { taskRoutes } from './routes/tasks.js';
import type { DecideDeps } from '../decide/index.js';

export const VERSION = '0.1.0';

export interface ServerOptions {
  store: Store;
  credentials: Credentials;
  /** pino log level; `silent` in tests. */
  logLevel?: string;
  /** The decision engine (configuration, scores, composer); without it /v1/decide is not served. */
  decide?: Omit<DecideDeps, 'store'>;
  /** Lints edited words for the review queue; without it /v1/review is not served. */
  relint?: Relint;
  /** Called after the catalog changed (composition reloads its prices). */
  onCatalogChange?: () => Promise<void>;
  /** The decision engine's explanations, for the "Why was this recommended?" page. */
  explainDecision?: ExplainDecision;
}

export interface AttuneServer {
  app: FastifyInstance;
  writer: IngestWriter;
  metrics: Metrics;
  routes: readonly AnyRoute[];
  /** Stops accepting requests, waits for queued writes, closes the server (not the store). */
  close(): Promise<void>;
}

export async function buildServer(options: ServerOptions): Promise<AttuneServer> {
  const { store, credentials } = options;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // Request URLs can hold identifiers (emails in profile paths): requests are logged by route pattern below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Member links carry signed tokens of a few hundred characters in the path (fastify's default is 100).
    maxParamLength: 8192,
  });
  const writer = new IngestWriter(store);
  const metrics = createMetrics();

  // Segment's browser SDK posts JSON as text/plain; some server SDKs gzip their bodies.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      (error as FastifyError).statusCode = 400;
      done(error as FastifyError, undefined);
    }
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.headers['content-encoding'] !== 'gzip') return payload;
    const gunzip = createGunzip();
    let encoded = 0;
    payload.on('data', (chunk: Buffer) => {
      encoded += chunk.length;
      (gunzip as unknown as { receivedEncodedLength: number }).receivedEncodedLength = encoded;
    });
    payload.pipe(gunzip);
    return gunzip;
  });

  addFormBodyParser(app);
  addFeedbackBodyParsers(app);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    request.log.debug({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send(errorBody(error));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: `payload too large (limit ${request.routeOptions.bodyLimit ?? 'exceeded'} bytes); nothing was stored` });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ error: 'send JSON (Content-Type: application/json)' });
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ error: 'invalid JSON', issues: [{ path: '(root)', message: error.message }] });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: error.message });
    }
    // Log the kind of failure, not the request: bodies and paths may hold personal data.
    request.log.error({ err: { type: error.name, code: error.code, message: error.message, stack: error.stack }, route: request.routeOptions.url }, 'request failed');
    return reply.status(500).send({ error: 'internal error; nothing was changed' });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'no such endpoint; see /openapi.json' }));

  const routes: AnyRoute[] = [];
  const openApi = () => openApiDocument(routes, VERSION);
  routes.push(...ingestRoutes(writer, metrics), ...profileRoutes(store), ...catalogRoutes(store, options.onCatalogChange), ...systemRoutes(store, metrics, openApi),
    ...memberRoutes(store, writer, { explainDecision: options.explainDecision }), ...feedbackRoutes(store, writer),
    ...taskRoutes(store), ...(options.decide ? decideRoutes({ store, ...options.decide }) : []), ...(options.relint ? reviewRoutes(store, options.relint) : []), ...reportRoutes(store, options.decide?.config));
  registerRoutes(app, routes, createAuthenticator(store, credentials));
  await app.ready();

  return {
    app,
    writer,
    metrics,
    routes,
    close: async () => {
      await app.close();
      await writer.flush();
    },
  };
}
