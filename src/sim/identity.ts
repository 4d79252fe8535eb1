// Members' identifiers, derived from the seed and the member index rather than stored: 2.3M names
// and addresses would cost hundreds of megabytes, and deriving them is cheap. Email addresses use
// the reserved example.* domains and phones the fictional 555 exchange (zones.ts): nothing
// simulated can reach a real person.
import { faker } from '@faker-js/faker/locale/en';
import { randomInt, type Rng } from '../core/random.js';
import { STREAMS, streamRng } from './streams.js';

const names = faker.definitions.person;
const FIRST_NAMES: readonly string[] = [...new Set([...(names.first_name.female ?? []), ...(names.first_name.male ?? [])])];
const LAST_NAMES: readonly string[] = names.last_name.generic ?? [];
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

export interface PersonName {
  firstName: string;
  lastName: string;
}

export function userIdOf(index: number): string {
  return `ath-${String(index + 1).padStart(8, '0')}`;
}

/** Loyalty card number: a bijection of the index (48271 is odd, so it permutes 0 … 2³¹−1). */
export function loyaltyIdOf(index: number): string {
  return `ATH${String((index * 48271) % 2_147_483_648).padStart(10, '0')}`;
}

export function nameOf(seed: number, index: number): PersonName {
  const rng = streamRng(seed, STREAMS.name, index);
  return { firstName: pick(rng, FIRST_NAMES), lastName: pick(rng, LAST_NAMES) };
}

/** A plausible personal address, unique because it carries the member index. */
export function emailOf(seed: number, index: number, name: PersonName): string {
  const rng = streamRng(seed, STREAMS.name, index, 1);
  const first = name.firstName.toLowerCase().replace(/[^a-z]/g, '');
  const last = name.lastName.toLowerCase().replace(/[^a-z]/g, '');
  const forms = [`${first}.${last}`, `${first}${last}`, `${first[0] ?? 'x'}${last}`, `${first}_${last}`];
  return `${pick(rng, forms)}${index}@${pick(rng, EMAIL_DOMAINS)}`;
}

/** The anonymous id of the member's `cookie`-th browser cookie (cookies are reset now and then). */
export function anonymousIdOf(seed: number, index: number, cookie: number): string {
  return uuidOf(streamRng(seed, STREAMS.anonymousId, index, cookie));
}

/** The id of the member's `device`-th phone or tablet running the Athena app. */
export function deviceIdOf(seed: number, index: number, device: number): string {
  return uuidOf(streamRng(seed, STREAMS.deviceId, index, device)).toUpperCase();
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randomInt(rng, items.length)] as T;
}

/** An RFC 4122 version-4 shaped UUID from four 32-bit draws. */
function uuidOf(rng: Rng): string {
  const word = () => Math.floor(rng.next() * 4294967296).toString(16).padStart(8, '0');
  const hex = word() + word() + word() + word();
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
