// The simulated delivery channel: the outbox worker hands it a message exactly as it would hand
// one to SMTP or a webhook, and it turns the message into a touch for the synthetic world. The
// world's answers (delivered, opened, clicked, ordered, unsubscribed…) come back later as events
// through ingest, like an email provider's webhooks would.
import type { Channel } from '../core/index.js';
import type { DeliveryChannel, DeliveryChannels, DeliveryResult, OutgoingMessage } from '../deliver/channels/index.js';
import { FRAMINGS, type Framing, type Touch } from '../sim/index.js';

/** Maps a stored profile to its member in the world (the world's own userId). */
export type MemberIndexOf = (profileId: string) => Promise<number | undefined>;

export interface SimulatedDelivery {
  channels: DeliveryChannels;
  /** The touches handed over since the last call, in send order; empties the list. */
  takeTouches(): Touch[];
}

const isFraming = (value: unknown): value is Framing => typeof value === 'string' && (FRAMINGS as readonly string[]).includes(value);

/**
 * One channel object per channel, all feeding one list of touches. `clock` is the simulated
 * time of the delivery pass (the send time of the touch).
 */
export function simulatedDelivery(memberIndexOf: MemberIndexOf, clock: () => number): SimulatedDelivery {
  let touches: Touch[] = [];
  const channel = (name: Channel): DeliveryChannel => ({
    name,
    async send(message: OutgoingMessage): Promise<DeliveryResult> {
      const memberIndex = await memberIndexOf(message.profileId);
      if (memberIndex === undefined) return { status: 'permanent', reason: 'the member is not part of the simulated world' };
      const { framing, productIds, promotional, action } = message.metadata;
      if (!isFraming(framing)) return { status: 'permanent', reason: `the simulated world does not know the framing ${String(framing)}` };
      touches.push({
        memberIndex, channel: name, sendAt: clock(), actionId: String(action), framing,
        ...(typeof productIds === 'string' && productIds !== '' ? { productIds: productIds.split(',') } : {}),
        // Only messages that passed the creepy-line linter reach a channel.
        creepiness: 0,
        promotional: promotional === true, decisionId: message.idempotencyKey,
      });
      return { status: 'sent', providerId: `sim-${message.idempotencyKey}` };
    },
    close: async () => {},
  });
  return {
    channels: { email: channel('email'), sms: channel('sms'), push: channel('push'), in_app: channel('in_app') },
    takeTouches() {
      const taken = touches;
      touches = [];
      return taken;
    },
  };
}
