// What members write to Athena: support questions, frustrated and angry messages about late
// parcels, and replies to messages that went too far. Placeholders: {order}, {days}, {product}, {size}.
import { randomInt, type Rng } from '../core/random.js';

export const SUPPORT_TEXTS = {
  question: [
    'Do the {product} run true to size? I usually wear a {size}.',
    'How many points do I need before I can use a reward?',
    'Can I exchange something I bought online at one of your stores?',
    'Is the {product} coming back in stock in my size?',
    'How do I change the shipping address on my account?',
    'What is the return window for shoes I have only worn indoors?',
    'Can I combine two rewards on one order?',
    'Do you offer gift wrapping for online orders?',
  ],
  lateFrustrated: [
    'Hi, my order {order} was supposed to arrive {days} days ago and the tracking has not moved. Can you check what is going on?',
    'Still waiting on order {order}. It is {days} days late now and I needed it for a race this weekend.',
    'Where is my package? Order {order} was expected last week.',
    'Tracking for {order} says delivered but there is nothing here. Please help.',
  ],
  lateAngry: [
    'This is ridiculous. Order {order} is {days} days late and nobody answers. I want a refund.',
    'Third time writing about {order}. Completely unacceptable service. Cancel it and refund me now.',
    'I paid for shipping and my order is {days} days late. Very disappointed, I am done with Athena.',
    'Nobody can tell me where {order} is. Worst delivery experience I have had. Fix this today.',
  ],
  tooMany: [
    'Please stop sending me so many messages.',
    'Too many emails. Take me off your list.',
    'Why am I hearing from you every single day? Stop.',
    'Enough already, this is the third message this week.',
  ],
  creepy: [
    'How do you know that? This is a bit creepy.',
    'I never told you that. Please do not track me like this.',
    'That is unsettling. Why does a shoe store know this about me?',
  ],
  upsetPromotion: [
    'I am still waiting for my refund and you are sending me promotions?',
    'Fix my order before you try to sell me more.',
    'My last order was a mess and now you want me to shop again? No thanks.',
  ],
} as const;
export type SupportTextKind = keyof typeof SUPPORT_TEXTS;

export function supportText(rng: Rng, kind: SupportTextKind, fill: Readonly<Record<string, string>> = {}): string {
  const templates = SUPPORT_TEXTS[kind];
  const template = templates[randomInt(rng, templates.length)] as string;
  return template.replace(/\{(\w+)\}/g, (match, key: string) => fill[key] ?? match);
}
