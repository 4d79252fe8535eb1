// Member-facing pages: preferences, one-click unsubscribe, "Why was this recommended?", and the
// signed links that lead to them.
export * from './html.js';
export * from './tiers.js';
export * from './preferences.js';
export * from './notices.js';
export * from './why.js';
export * from './form.js';
export * from './links.js';
