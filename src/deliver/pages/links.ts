// The links Attune puts in a message, each carrying a signed token: unsubscribe (also the
// List-Unsubscribe URL), preferences, "Why this?", click-tracked links and the opt-in open pixel.
import type { Channel } from '../../core/index.js';
import type { TokenSigner } from '../tokens.js';

export interface MessageRef {
  profileId: string;
  /** The decision id, which is also the message's idempotency key. */
  decisionId: string;
  channel: Channel;
}

export interface MessageLinks {
  /** `/u/{token}`: GET shows the preference page, POST unsubscribes from the channel (RFC 8058). */
  unsubscribeUrl: string;
  /** `/u/{token}` with a preferences token, for a "Manage preferences" footer link. */
  preferencesUrl: string;
  /** `/why/{token}`. */
  whyUrl: string;
  /** `/o/{token}.gif`, only for brands that opted in to open tracking. */
  openPixelUrl: string;
  /** `/c/{token}`: records the click, then redirects to `url` (http or https). */
  click(url: string): string;
}

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * The public base URL of the member pages (ATTUNE_PUBLIC_URL), without a trailing slash. HTTPS
 * is required (RFC 8058 one-click unsubscribe needs an https URI) except on this machine.
 */
export function publicBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ATTUNE_PUBLIC_URL must be a URL such as https://attune.brand.example, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
    throw new Error('ATTUNE_PUBLIC_URL must use https (mail clients only offer one-click unsubscribe for https links)');
  }
  if (url.search !== '' || url.hash !== '') throw new Error('ATTUNE_PUBLIC_URL must not have a query or fragment');
  return url.href.replace(/\/+$/, '');
}

export function messageLinks(signer: TokenSigner, baseUrl: string, message: MessageRef, now = Date.now()): MessageLinks {
  const base = publicBaseUrl(baseUrl);
  const { profileId, decisionId, channel } = message;
  return {
    unsubscribeUrl: `${base}/u/${signer.issue({ purpose: 'unsubscribe', profileId, decisionId, channel }, now)}`,
    preferencesUrl: `${base}/u/${signer.issue({ purpose: 'preferences', profileId, decisionId, channel }, now)}`,
    whyUrl: `${base}/why/${signer.issue({ purpose: 'why', profileId, decisionId, channel }, now)}`,
    openPixelUrl: `${base}/o/${signer.issue({ purpose: 'open', profileId, decisionId, channel }, now)}.gif`,
    click: (url: string) => `${base}/c/${signer.issue({ purpose: 'click', profileId, decisionId, channel, url }, now)}`,
  };
}
