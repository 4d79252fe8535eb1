// What a webhook's HTTP answer means for the next attempt. Only a server error (5xx), a request
// timeout (408) and rate limiting (429) say "the same request may work later"; any other 4xx
// says the request itself is wrong, and sending it again would be refused again.
import type { DeliveryResult } from '../contract.js';

export function isRetryableHttpStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The outcome of a non-2xx response. */
export function classifyHttpFailure(status: number, retryAfter: string | null, now = Date.now()): DeliveryResult {
  if (status >= 300 && status < 400) {
    // Redirects are not followed: a POST that turns into a GET elsewhere would be lost silently.
    return { status: 'permanent', reason: `webhook answered ${status} (a redirect); configure the final URL`, httpStatus: status };
  }
  if (isRetryableHttpStatus(status)) {
    const wait = retryAfterMs(retryAfter, now);
    return { status: 'retryable', reason: `webhook answered ${status}`, httpStatus: status, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  return { status: 'permanent', reason: `webhook answered ${status}`, httpStatus: status };
}
