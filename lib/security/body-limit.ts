// The largest request body the app accepts: forms here are text only, and 1 MB is far more than
// the longest application. Server actions enforce it too (next.config.ts); the proxy answers
// anything declared larger with 413 and a page saying what happened (a bigger body used to reach
// the action and end in a 500). Uploads of documents go to route handlers listed in UPLOAD_PATHS,
// which have their own, larger limit: the proxy lets them through up to UPLOAD_BODY_BYTES and the
// handler enforces its exact limit while reading (lib/documents/read-upload.ts). No imports:
// next.config.ts reads this file too.

export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** The most any upload route accepts: 5 files of 10 MB (lib/documents MAX_DOCUMENT_BYTES) and 64 KB of form. */
export const UPLOAD_BODY_BYTES = 5 * 10 * 1024 * 1024 + 64 * 1024;

/** The route handlers that take multipart uploads (each reads its body with lib/documents readUploadedFiles). */
export const UPLOAD_PATHS: readonly RegExp[] = [
  // An officer's upload on the case page (app/[council]/staff/cases/[caseId]/documents/route.ts).
  /^\/[a-z0-9-]+\/staff\/cases\/[0-9a-f-]{36}\/documents$/,
  // A resident's or referrer's answer to a request for information (app/[council]/information/[token]/answer/route.ts).
  /^\/[a-z0-9-]+\/information\/[A-Za-z0-9_-]{20,100}\/answer$/,
  // A bank's or provider's report for reconciliation (app/[council]/staff/payments/reconciliation/import/route.ts).
  /^\/[a-z0-9-]+\/staff\/payments\/reconciliation\/import$/,
];

/** The limit of a request to this path. */
export function bodyLimitFor(path: string): number {
  return UPLOAD_PATHS.some((p) => p.test(path)) ? UPLOAD_BODY_BYTES : MAX_REQUEST_BODY_BYTES;
}

export function bodyTooLarge(contentLength: string | null, limit: number = MAX_REQUEST_BODY_BYTES): boolean {
  if (contentLength === null) return false;
  const n = Number(contentLength);
  return !Number.isFinite(n) || n > limit;
}
