// The event vocabulary: Segment's e-commerce and email specs plus Attune's own events, and the
// data class of every event type and trait (DESIGN.md §5). This file is the one table.
import type { DataClass } from './consent.js';

export const MESSAGE_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const EVENTS = {
  // Segment e-commerce spec
  productViewed: 'Product Viewed',
  productListViewed: 'Product List Viewed',
  productsSearched: 'Products Searched',
  productAdded: 'Product Added',
  productRemoved: 'Product Removed',
  cartViewed: 'Cart Viewed',
  checkoutStarted: 'Checkout Started',
  orderCompleted: 'Order Completed',
  orderRefunded: 'Order Refunded',
  orderCancelled: 'Order Cancelled',
  // Segment email spec
  emailDelivered: 'Email Delivered',
  emailOpened: 'Email Opened',
  emailLinkClicked: 'Email Link Clicked',
  emailBounced: 'Email Bounced',
  unsubscribed: 'Unsubscribed',
  emailMarkedAsSpam: 'Email Marked as Spam',
  // Other channels' delivery feedback (push, SMS, in-app), same shape as email's
  messageDelivered: 'Message Delivered',
  messageOpened: 'Message Opened',
  messageClicked: 'Message Clicked',
  messageFailed: 'Message Failed',
  // Attune's own
  complaintFiled: 'Complaint Filed',
  supportMessage: 'Support Message',
  pointsEarned: 'Points Earned',
  pointsRedeemed: 'Points Redeemed',
  surveyAnswered: 'Survey Answered',
  subscribed: 'Subscribed',
  consentUpdated: 'Consent Updated',
} as const;
export type KnownEventName = (typeof EVENTS)[keyof typeof EVENTS];

/** Data class of each known `track` event. Unknown events are `browsing` (the most guarded behaviour class). */
export const EVENT_DATA_CLASS: Readonly<Record<KnownEventName, DataClass>> = {
  'Product Viewed': 'browsing',
  'Product List Viewed': 'browsing',
  'Products Searched': 'browsing',
  'Product Added': 'browsing',
  'Product Removed': 'browsing',
  'Cart Viewed': 'browsing',
  'Checkout Started': 'browsing',
  'Order Completed': 'purchase',
  'Order Refunded': 'purchase',
  'Order Cancelled': 'purchase',
  'Email Delivered': 'engagement',
  'Email Opened': 'engagement',
  'Email Link Clicked': 'engagement',
  'Email Bounced': 'engagement',
  Unsubscribed: 'engagement',
  'Email Marked as Spam': 'engagement',
  'Message Delivered': 'engagement',
  'Message Opened': 'engagement',
  'Message Clicked': 'engagement',
  'Message Failed': 'engagement',
  'Complaint Filed': 'service',
  'Support Message': 'service',
  'Points Earned': 'purchase',
  'Points Redeemed': 'purchase',
  'Survey Answered': 'stated',
  Subscribed: 'stated',
  'Consent Updated': 'stated',
};

/** Data class of each non-track message type. */
export const MESSAGE_DATA_CLASS: Readonly<Record<Exclude<MessageType, 'track'>, DataClass>> = {
  identify: 'identity',
  alias: 'identity',
  group: 'identity',
  page: 'browsing',
  screen: 'browsing',
};

export function isKnownEvent(name: string): name is KnownEventName {
  return Object.prototype.hasOwnProperty.call(EVENT_DATA_CLASS, name);
}

export function dataClassOfMessage(type: MessageType, event?: string): DataClass {
  if (type !== 'track') return MESSAGE_DATA_CLASS[type];
  return event !== undefined && isKnownEvent(event) ? EVENT_DATA_CLASS[event] : 'browsing';
}

/**
 * Data class of known traits. A trait not listed here is treated as `inferred`: data a brand
 * sends without declaring it is used only by members who chose the proactive tier.
 */
export const TRAIT_DATA_CLASS: Readonly<Record<string, DataClass>> = {
  email: 'identity',
  phone: 'identity',
  name: 'identity',
  firstName: 'identity',
  lastName: 'identity',
  first_name: 'identity',
  last_name: 'identity',
  title: 'identity',
  username: 'identity',
  address: 'identity',
  timezone: 'identity',
  language: 'identity',
  locale: 'identity',
  loyaltyId: 'identity',
  createdAt: 'identity',
  avatar: 'identity',
  birthday: 'stated',
  gender: 'stated',
  size: 'stated',
  sizes: 'stated',
  interests: 'stated',
  preferences: 'stated',
  favoriteCategories: 'stated',
  communicationPreferences: 'stated',
  loyaltyTier: 'purchase',
  age: 'stated',
};

export function dataClassOfTrait(trait: string): DataClass {
  return TRAIT_DATA_CLASS[trait] ?? 'inferred';
}
