// Signed member tokens: the capability in every link Attune puts in a message (unsubscribe,
// preferences, "Why this?", click tracking, the open pixel). A token is
// `base64url(claims JSON).base64url(HMAC-SHA256)`: URL-safe, expiring, bound to one purpose, and
// verified in constant time. Members never log in; holding the link is the permission, so each
// token allows exactly one kind of thing for one member.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CHANNELS, type Channel } from '../core/index.js';
import { getSetting, settingOrInsert, type Store } from '../store/index.js';

export const TOKEN_PURPOSES = ['preferences', 'unsubscribe', 'why', 'click', 'open'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export interface TokenClaims {
  purpose: TokenPurpose;
  profileId: string;
  /** The decision behind the message; required for `why`, `click` and `open`. */
  decisionId?: string;
  /** The channel the link was sent on; `unsubscribe` leaves this channel (email when absent). */
  channel?: Channel;
  /** Click target; required for `click`, and the only place a redirect may lead. */
  url?: string;
  /** Expiry in unix seconds. */
  exp: number;
}

const DAY = 24 * 3600;
/**
 * How long links work. Unsubscribe links outlive the rest: laws ask for them to keep working
 * for at least 30 days after sending (CAN-SPAM), and people unsubscribe from old mail.
 */
export const DEFAULT_TOKEN_TTL_SECONDS: Readonly<Record<TokenPurpose, number>> = {
  unsubscribe: 365 * DAY,
  preferences: 90 * DAY,
  why: 90 * DAY,
  click: 90 * DAY,
  open: 30 * DAY,
};

export type TokenFailure = 'malformed' | 'forged' | 'expired' | 'wrong_purpose';

export class TokenError extends Error {
  constructor(
    readonly reason: TokenFailure,
    message: string,
    /** Present when the token is authentic (expired or meant for another page): its claims can be trusted. */
    readonly claims?: TokenClaims,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface TokenSigner {
  /** A token for these claims; `exp` defaults to now + DEFAULT_TOKEN_TTL_SECONDS of the purpose. */
  issue(claims: Omit<TokenClaims, 'exp'> & { exp?: number }, now?: number): string;
  /** The claims of a valid token whose purpose is one of `purposes`; throws TokenError otherwise. */
  verify(token: string, purposes: readonly TokenPurpose[], now?: number): TokenClaims;
}

const MAX_TOKEN_LENGTH = 4096;
const MAX_URL_LENGTH = 2048;
/** Keeps these MACs apart from any other use of the same secret. */
const MAC_CONTEXT = 'attune-member-token.v1.';

/** Claims on the wire: one-letter keys keep links short. */
const wireSchema = z.strictObject({
  p: z.enum(TOKEN_PURPOSES),
  s: z.string().min(1).max(256),
  d: z.string().min(1).max(256).optional(),
  c: z.enum(CHANNELS).optional(),
  u: z.string().max(MAX_URL_LENGTH).optional(),
  e: z.number().int().positive(),
});

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Why these claims cannot make a token, or undefined when they can. */
function claimsProblem(claims: TokenClaims): string | undefined {
  if (claims.purpose === 'click' && (claims.url === undefined || !isWebUrl(claims.url))) return 'a click token needs an http(s) url';
  if (claims.url !== undefined && claims.purpose !== 'click') return 'only click tokens carry a url';
  if ((claims.purpose === 'why' || claims.purpose === 'click' || claims.purpose === 'open') && claims.decisionId === undefined) {
    return `a ${claims.purpose} token needs a decisionId`;
  }
  return undefined;
}

export function createTokenSigner(secrets: readonly string[]): TokenSigner {
  if (secrets.length === 0) throw new Error('a token signer needs at least one secret');
  const keys = secrets.map((secret) => Buffer.from(secret, 'utf8'));
  const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(MAC_CONTEXT).update(payload).digest();

  return {
    issue(input, now = Date.now()) {
      const claims: TokenClaims = { ...input, exp: input.exp ?? Math.floor(now / 1000) + DEFAULT_TOKEN_TTL_SECONDS[input.purpose] };
      const problem = claimsProblem(claims);
      if (problem !== undefined) throw new Error(problem);
      const wire = wireSchema.parse({ p: claims.purpose, s: claims.profileId, d: claims.decisionId, c: claims.channel, u: claims.url, e: claims.exp });
      const payload = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
      return `${payload}.${mac(keys[0] as Buffer, payload).toString('base64url')}`;
    },

    verify(token, purposes, now = Date.now()) {
      const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
      const [payload, signature] = parts;
      if (parts.length !== 2 || !payload || !signature || !/^[A-Za-z0-9_-]+$/.test(payload + signature)) {
        throw new TokenError('malformed', 'this link is incomplete or damaged');
      }
      // Compared as text, not decoded bytes: base64 has spare bits, and one token must have one spelling.
      const given = Buffer.from(signature, 'ascii');
      // Every key is tried, so the time taken does not tell which one (if any) matched.
      const authentic = keys.map((key) => {
        const expected = Buffer.from(mac(key, payload).toString('base64url'), 'ascii');
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
      if (!authentic.includes(true)) throw new TokenError('forged', 'this link was not made by us');
      let wire: z.infer<typeof wireSchema>;
      try {
        wire = wireSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        throw new TokenError('malformed', 'this link is incomplete or damaged');
      }
      const claims: TokenClaims = {
        purpose: wire.p, profileId: wire.s, exp: wire.e,
        ...(wire.d !== undefined ? { decisionId: wire.d } : {}),
        ...(wire.c !== undefined ? { channel: wire.c } : {}),
        ...(wire.u !== undefined ? { url: wire.u } : {}),
      };
      if (claimsProblem(claims) !== undefined) throw new TokenError('malformed', 'this link is incomplete or damaged');
      if (Math.floor(now / 1000) >= claims.exp) throw new TokenError('expired', 'this link has expired', claims);
      if (!purposes.includes(claims.purpose)) throw new TokenError('wrong_purpose', 'this link is meant for another page', claims);
      return claims;
    },
  };
}

const SECRET_SETTING = 'member_token_secret';
const MIN_SECRET_LENGTH = 32;

/**
 * The signing secrets: ATTUNE_TOKEN_SECRET (comma-separated, newest first: the first signs, all
 * verify, so links already sent keep working while a secret is rotated), else one generated on
 * first use and kept in the database settings, so links survive restarts.
 */
export async function resolveTokenSecrets(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const configured = (env.ATTUNE_TOKEN_SECRET ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (configured.length > 0) {
    if (configured.some((s) => s.length < MIN_SECRET_LENGTH)) throw new Error(`each ATTUNE_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return configured;
  }
  // Insert-if-absent: servers starting together on a fresh database agree on one secret.
  const secret = (await getSetting(store.db, SECRET_SETTING)) ?? (await settingOrInsert(store.db, SECRET_SETTING, randomBytes(32).toString('base64url')));
  return [secret];
}

const signers = new WeakMap<Store, Promise<TokenSigner>>();

/** The signer of this store, made once per process and shared by every page and link builder. */
export function tokenSignerFor(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<TokenSigner> {
  let signer = signers.get(store);
  if (signer === undefined) {
    signer = resolveTokenSecrets(store, env).then(createTokenSigner);
    // A failed lookup (database briefly down) is not remembered; the next request tries again.
    signer.catch(() => signers.delete(store));
    signers.set(store, signer);
  }
  return signer;
}
