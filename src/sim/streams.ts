// Independent random streams. Each member's week draws from its own generator, seeded from the
// world seed, the member and the week, so results do not depend on chunk sizes or on the order in
// which members are simulated, and one member's extra draw never shifts another member's.
import { createRng, type Rng } from '../core/random.js';

/** What a stream is for; part of its seed so that streams of one member never coincide. */
export const STREAMS = {
  traits: 1,
  name: 2,
  anonymousId: 3,
  deviceId: 4,
  week: 5,
  touch: 6,
  firstVisits: 7,
  featured: 8,
} as const;
export type StreamPurpose = (typeof STREAMS)[keyof typeof STREAMS];

/** Mixes integers into one 32-bit seed (murmur3 finalizer per part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9747b28c;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function streamRng(seed: number, purpose: StreamPurpose, ...keys: number[]): Rng {
  return createRng(mixSeed(seed, purpose, ...keys));
}
