// The largest request body the app accepts: forms here are text only (no uploads), and 1 MB is
// far more than the longest application. Server actions enforce it too (next.config.ts); the
// proxy answers anything declared larger with 413 and a page saying what happened (a bigger body
// used to reach the action and end in a 500). No imports: next.config.ts reads this file too.

export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export function bodyTooLarge(contentLength: string | null): boolean {
  if (contentLength === null) return false;
  const n = Number(contentLength);
  return !Number.isFinite(n) || n > MAX_REQUEST_BODY_BYTES;
}
