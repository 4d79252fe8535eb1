// Form bodies of the member pages and of RFC 8058 one-click unsubscribes. RFC 8058 §3.2 says the
// POST SHOULD be multipart/form-data and MAY be application/x-www-form-urlencoded (what Gmail
// and browsers send), so both are read, into the same URLSearchParams.
import { headerParams, multipartBodies, splitEntity } from '../channels/email/mime.js';

export const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;

/** The fields of a form body; undefined when the content type is not a form or the body is unreadable. */
export function parseFormBody(contentType: string | undefined, body: string): URLSearchParams | undefined {
  const type = headerParams(contentType);
  if (type.value === 'application/x-www-form-urlencoded') return new URLSearchParams(body);
  if (type.value !== 'multipart/form-data' || type.params.boundary === undefined) return undefined;
  const fields = new URLSearchParams();
  for (const part of multipartBodies(body, type.params.boundary)) {
    const { headers, body: value } = splitEntity(part);
    const disposition = headerParams(headers.get('content-disposition'));
    // Files are not expected in these forms; their contents are skipped.
    if (disposition.value !== 'form-data' || disposition.params.name === undefined || disposition.params.filename !== undefined) continue;
    fields.append(disposition.params.name, value);
  }
  return fields;
}

/** RFC 8058's marker: the body a mail client posts for a one-click unsubscribe. */
export function isOneClickUnsubscribe(fields: URLSearchParams | undefined): boolean {
  return fields?.get('List-Unsubscribe') === 'One-Click';
}
