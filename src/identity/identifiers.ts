// Identifiers that tie events to a member (DESIGN.md §4), their normalisation, and the guards
// against junk values that would otherwise merge strangers into one profile.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** In priority order: when several profiles match one event, the higher type decides the survivor. */
export const IDENTIFIER_TYPES = ['userId', 'loyaltyId', 'email', 'phone', 'deviceId', 'anonymousId'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export interface Identifier {
  type: IdentifierType;
  value: string;
}

/** How many identifiers of a type one profile may hold; `userId` is 1 by the merge guard. */
export const IDENTIFIER_CAPS: Readonly<Record<IdentifierType, number>> = {
  userId: 1,
  loyaltyId: 2,
  email: 5,
  phone: 5,
  deviceId: 20,
  anonymousId: 200,
};

const JUNK_VALUES = new Set([
  '',
  'null',
  'undefined',
  'nil',
  'none',
  'nan',
  '0',
  '-1',
  'anonymous',
  'unknown',
  'guest',
  'n/a',
  'na',
  'test',
  '[object object]',
  '00000000-0000-0000-0000-000000000000',
]);

/** True for placeholder values that SDKs and forms send when they have no real identifier. */
export function isJunkIdentifier(value: string): boolean {
  return JUNK_VALUES.has(value.trim().toLowerCase());
}

export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}\u0000${identifier.value}`;
}

export function priorityOf(type: IdentifierType): number {
  return IDENTIFIER_TYPES.indexOf(type);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased and trimmed; undefined when it is not an email address. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

/** E.164 (`+14155550123`); numbers without a country code are read in `defaultRegion`. */
export function normalizePhone(raw: string, defaultRegion: CountryCode = 'US'): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Normalises one raw identifier; undefined when it is junk or malformed. */
export function normalizeIdentifier(type: IdentifierType, raw: unknown, defaultRegion?: CountryCode): Identifier | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (isJunkIdentifier(text) || text.length > 512) return undefined;
  switch (type) {
    case 'email': {
      const value = normalizeEmail(text);
      return value === undefined ? undefined : { type, value };
    }
    case 'phone': {
      const value = normalizePhone(text, defaultRegion);
      return value === undefined ? undefined : { type, value };
    }
    default:
      return { type, value: text };
  }
}

/** Where each identifier type is found in a Segment message. */
export interface IdentifierSources {
  userId?: unknown;
  anonymousId?: unknown;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/**
 * The identifiers of one message, deduplicated, in priority order: `userId`, `anonymousId`,
 * `traits.email` / `traits.phone` / `traits.loyaltyId` (identify traits or `context.traits`) and
 * `context.device.id`.
 */
export function extractIdentifiers(source: IdentifierSources, defaultRegion?: CountryCode): Identifier[] {
  const contextTraits = asRecord(source.context?.traits);
  const traits = { ...contextTraits, ...source.traits };
  const device = asRecord(source.context?.device);
  const candidates: Array<[IdentifierType, unknown]> = [
    ['userId', source.userId],
    ['loyaltyId', traits.loyaltyId],
    ['email', traits.email],
    ['phone', traits.phone],
    ['deviceId', device.id],
    ['anonymousId', source.anonymousId],
  ];
  const seen = new Set<string>();
  const identifiers: Identifier[] = [];
  for (const [type, raw] of candidates) {
    const identifier = normalizeIdentifier(type, raw, defaultRegion);
    if (identifier === undefined) continue;
    const key = identifierKey(identifier);
    if (seen.has(key)) continue;
    seen.add(key);
    identifiers.push(identifier);
  }
  return identifiers;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
