// The two programs Attune is compared with (issue 7), deciding only from what a brand could
// observe (observeMember), never from the world's latent traits:
// - `blast`: the legacy newsletter — the same email to every subscriber every Tuesday;
// - `rules`: what a brand with classic marketing automation runs — the same newsletter plus three
//   if/then triggers: a cart reminder 24 h after a cart is abandoned, a win-back email 90 days
//   after the last order, a birthday email on the member's stated birthday.
import { newsletterTouches, observeMember, weekStartMs, WEEK_MS, type Touch, type World } from '../sim/index.js';

export const BASELINE_POLICIES = ['blast', 'rules'] as const;
export type BaselinePolicy = (typeof BASELINE_POLICIES)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CART_DELAY_MS = 24 * HOUR_MS;
const WIN_BACK_DAYS = 90;
/** Trigger emails the week's decision pass cannot place at an exact moment go out at 10:00 UTC. */
const SEND_HOUR_UTC = 10;

export interface BaselineProgram {
  readonly policy: BaselinePolicy;
  /** The touches of week `week`, decided at its start. */
  touches(world: World, week: number): Touch[];
}

export function baselineProgram(policy: BaselinePolicy): BaselineProgram {
  if (policy === 'blast') return { policy, touches: newsletterTouches };
  return new RulesProgram();
}

/** Day of year (0-based, ignoring the year) of a YYYY-MM-DD date, for birthday matching. */
function monthDay(iso: string): string {
  return iso.slice(5, 10);
}

class RulesProgram implements BaselineProgram {
  readonly policy = 'rules' as const;
  /** Per member, the cart (by its last update) already reminded, and the last order already won back. */
  private readonly remindedCart = new Map<number, number>();
  private readonly wonBack = new Map<number, number>();

  touches(world: World, week: number): Touch[] {
    const start = weekStartMs(world.calendar, week);
    const end = start + WEEK_MS;
    const touches = newsletterTouches(world, week);
    const trigger = (i: number, actionId: string, framing: Touch['framing'], sendAt: number, productIds?: readonly string[]) => touches.push({
      memberIndex: i, channel: 'email', sendAt, actionId, framing, creepiness: 0, promotional: true,
      decisionId: `rules-${actionId}-w${week}-m${i}`, ...(productIds ? { productIds } : {}),
    });
    for (let i = 0; i < world.members.count; i++) {
      const member = observeMember(world, i, start);
      if (!member.enrolled || !member.subscriptions.email) continue;
      const { cart } = member;
      if (cart !== null && this.remindedCart.get(i) !== cart.updatedAt) {
        const sendAt = Math.max(cart.updatedAt + CART_DELAY_MS, start + SEND_HOUR_UTC * HOUR_MS);
        if (sendAt < end) {
          this.remindedCart.set(i, cart.updatedAt);
          trigger(i, 'cart_reminder', 'cart_reminder', sendAt, cart.productIds.slice(0, 3));
        }
      }
      if (member.lastOrderAt !== null && (member.daysSinceLastOrder ?? 0) >= WIN_BACK_DAYS && this.wonBack.get(i) !== member.lastOrderAt) {
        this.wonBack.set(i, member.lastOrderAt);
        trigger(i, 'win_back', 'we_miss_you', start + DAY_MS + SEND_HOUR_UTC * HOUR_MS);
      }
      if (member.birthday !== null) {
        for (let day = 0; day < 7; day++) {
          const date = new Date(start + day * DAY_MS).toISOString();
          if (monthDay(date) === monthDay(member.birthday)) trigger(i, 'birthday', 'birthday', start + day * DAY_MS + SEND_HOUR_UTC * HOUR_MS);
        }
      }
    }
    return touches;
  }
}
