// Delivery channels: the contract the outbox worker calls, email over SMTP, signed webhooks for
// push/SMS/in-app, and the feedback that comes back from them.
export * from './contract.js';
export * from './email/smtp.js';
export * from './email/classify.js';
export * from './email/message-id.js';
export * from './webhook/webhook.js';
export * from './webhook/signature.js';
export * from './webhook/classify.js';
export * from './config.js';
export * from './email/bounce.js';
export * from './feedback/events.js';
export * from './feedback/record.js';
