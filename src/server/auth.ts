// Who may call what: write keys for ingestion (HTTP Basic, Segment's convention: the key is the
// user name, the password is empty) and the admin token for everything else (Bearer).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isActiveWriteKey, type Store } from '../store/index.js';
import { HttpError } from './errors.js';
import type { Auth } from './route.js';

export interface Credentials {
  /** Keys accepted without a database lookup (ATTUNE_WRITE_KEYS). */
  writeKeys: readonly string[];
  adminToken: string;
}

const CACHE_MS = 30_000;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The write key from `Authorization: Basic base64(key:)`, or a `writeKey` field in the body. */
export function writeKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    return key === '' ? undefined : key;
  }
  const body = request.body as { writeKey?: unknown } | undefined;
  return typeof body?.writeKey === 'string' && body.writeKey !== '' ? body.writeKey : undefined;
}

export function createAuthenticator(store: Store, credentials: Credentials) {
  // Keys from the database are cached briefly: a revoked key stops working within CACHE_MS.
  const cache = new Map<string, { valid: boolean; until: number }>();

  async function validWriteKey(key: string): Promise<boolean> {
    if (credentials.writeKeys.some((k) => safeEqual(k, key))) return true;
    const now = Date.now();
    const cached = cache.get(key);
    if (cached !== undefined && cached.until > now) return cached.valid;
    const valid = await isActiveWriteKey(store.db, key);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { valid, until: now + CACHE_MS });
    return valid;
  }

  return async function authenticate(auth: Auth, request: FastifyRequest): Promise<void> {
    if (auth === 'none') return;
    if (auth === 'writeKey') {
      const key = writeKeyOf(request);
      if (key === undefined) throw new HttpError(401, 'missing write key: use HTTP Basic auth with the write key as user name');
      if (!(await validWriteKey(key))) throw new HttpError(401, 'unknown or revoked write key');
      return;
    }
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token === undefined) throw new HttpError(401, 'missing admin token: send Authorization: Bearer <ATTUNE_ADMIN_TOKEN>');
    if (!safeEqual(token, credentials.adminToken)) throw new HttpError(401, 'wrong admin token');
  };
}
