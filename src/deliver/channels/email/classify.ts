// What an SMTP failure means for the next attempt. RFC 5321 §4.2.1: a 4yz reply is a transient
// negative completion (try again), a 5yz reply a permanent one (the same message will be refused
// again). Failures without a reply — refused or dropped connections, timeouts, DNS — say nothing
// about the message, so they are retryable.
import type { NodemailerError } from 'nodemailer/lib/errors';
import { redactAddresses, type DeliveryPermanent, type DeliveryRetryable } from '../contract.js';

/** Errors nodemailer raises before talking to the server, about the message itself: sending it again cannot help. */
const MESSAGE_ERRORS = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'ESTREAM']);
/**
 * Authentication problems are the channel's configuration, not the message's: retrying keeps the
 * queue intact until the credentials in ATTUNE_SMTP_URL are fixed, although the server answers 535.
 */
const AUTH_ERRORS = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2']);

/** Permanent per RFC 5321, except 503 (bad sequence of commands): a session-state error that a fresh connection clears. */
export function isPermanentSmtpCode(code: number): boolean {
  return code >= 500 && code < 600 && code !== 503;
}

export function classifySmtpError(error: unknown): DeliveryRetryable | DeliveryPermanent {
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const detail = redactAddresses(String(e.response ?? e.message ?? 'unknown error')).slice(0, 300);

  if (code === 'EABORT' || e.name === 'AbortError') {
    return { status: 'retryable', reason: 'aborted; the server may already have accepted the message' };
  }
  if (code !== undefined && AUTH_ERRORS.has(code)) {
    return { status: 'retryable', reason: `SMTP authentication failed (check ATTUNE_SMTP_URL): ${detail}`, ...(reply !== undefined ? { smtpCode: reply } : {}) };
  }
  if (reply !== undefined) {
    const where = e.command !== undefined ? ` to ${e.command.split(' ')[0]}` : '';
    const reason = `SMTP ${reply}${where}: ${detail}`;
    return isPermanentSmtpCode(reply) ? { status: 'permanent', reason, smtpCode: reply } : { status: 'retryable', reason, smtpCode: reply };
  }
  if (code !== undefined && MESSAGE_ERRORS.has(code)) return { status: 'permanent', reason: `message refused before sending (${code}): ${detail}` };
  return { status: 'retryable', reason: `no SMTP reply (${e.originalCode ?? code ?? 'error'}): ${detail}` };
}
