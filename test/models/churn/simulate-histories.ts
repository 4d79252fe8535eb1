// Synthetic purchase histories (in whole days) from the BG/NBD story, with spend per purchase.
import { createRng, randomBeta, randomGamma } from '../../../src/core/random.js';
import type { PurchaseHistory } from '../../../src/models/clv/index.js';

export function simulateHistories(n: number, seed: number, untilDay = 500): PurchaseHistory[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const first = Math.floor(rng.next() * 90);
    const lambda = randomGamma(rng, 0.6) / 20; // purchases per day while alive
    const p = randomBeta(rng, 0.8, 3);
    const meanSpend = 10 + randomGamma(rng, 2) * 15;
    const days = [first];
    let t = first;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > untilDay) break;
      const day = Math.floor(t);
      if (day !== days[days.length - 1]) days.push(day);
      if (rng.next() < p) break;
    }
    return { customerId: `m${i}`, days, amounts: days.map(() => meanSpend * (0.5 + rng.next())) };
  });
}
