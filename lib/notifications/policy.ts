// Delivery rules, pure: how often to try, how long to wait between tries, what counts as final.

/** Tries per message before it is marked failed (about 2 hours of backoff in all). */
export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60 * 60 * 1000;

/** Sign-in links jump the queue: someone is waiting at a screen for them. */
export const PRIORITY = { interactive: -10, normal: 0 } as const;

/**
 * Exponential backoff with full jitter: a random wait between 0 and base·2^(attempt-1), capped.
 * Jitter spreads retries out so a provider outage does not end in a thundering herd.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.max(1_000, Math.round(random() * ceiling));
}

/**
 * Delivery receipts (GOV.UK Notify): asked for a minute after the hand-over, then at doubling
 * intervals (±20 % jitter, at most an hour apart): 1, 2, 4 … 32, 60, 60 minutes, about 3 hours in
 * all. A message still on its way after the last check stays SENT (and is logged).
 */
export const MAX_RECEIPT_CHECKS = 8;
const FIRST_RECEIPT_CHECK_MS = 60_000;

export function receiptCheckDelayMs(check: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_RECEIPT_CHECK_MS * 2 ** Math.max(0, check - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A provider's answer to one try. Permanent failures are not retried (e.g. Notify's 400 or 403). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** HTTP answers: 4xx is final (the request itself is wrong) except 408 and 429 (wait and retry). */
export function httpStatusIsPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** SMTP replies: 5xx is a permanent refusal, 4xx a temporary one (RFC 5321). */
export function smtpCodeIsPermanent(code: number | undefined): boolean {
  return code !== undefined && code >= 500 && code < 600;
}

export type TNextStep = { status: "FAILED"; reason: string } | { status: "QUEUED"; retryAt: Date; reason: string };

/** After a failed try: give up (permanent, or out of tries) or schedule the next one. */
export function afterFailure(error: unknown, attempts: number, now: Date, random: () => number = Math.random): TNextStep {
  const reason = error instanceof Error ? error.message : String(error);
  const permanent = error instanceof ProviderError && error.permanent;
  if (permanent) return { status: "FAILED", reason };
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { status: "FAILED", reason: `Gave up after ${attempts} tries: ${reason}` };
  return { status: "QUEUED", retryAt: new Date(now.getTime() + retryDelayMs(attempts, random)), reason };
}
