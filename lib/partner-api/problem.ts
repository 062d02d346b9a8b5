// Errors of the partner API as RFC 9457 problem details (application/problem+json). Each kind
// has a stable `type` (documented at /developers#problems), a title, and its HTTP status;
// validation problems carry `errors`: one entry per invalid field, with a JSON Pointer to it.

export const PROBLEM_KINDS = {
  "invalid-request": { status: 400, title: "The request is not valid JSON or not an object" },
  "idempotency-key-missing": { status: 400, title: "An Idempotency-Key header is required" },
  "invalid-parameter": { status: 400, title: "A parameter is not valid" },
  unauthorized: { status: 401, title: "The API key is missing, unknown, revoked or not for this council" },
  forbidden: { status: 403, title: "This key may not do that" },
  "not-found": { status: 404, title: "Not found" },
  "unsupported-media-type": { status: 415, title: "Send the body as application/json" },
  "too-large": { status: 413, title: "The request body is too large" },
  "validation-failed": { status: 422, title: "The referral is not valid" },
  "idempotency-conflict": { status: 422, title: "This Idempotency-Key was used with another request" },
  "rate-limited": { status: 429, title: "Too many requests for this API key" },
  internal: { status: 500, title: "Something went wrong on our side" },
} as const;
export type TProblemKind = keyof typeof PROBLEM_KINDS;

export type TFieldError = { pointer: string; detail: string; code: string };
export type TProblem = { type: string; title: string; status: number; detail?: string; errors?: TFieldError[] };

export const PROBLEM_TYPE_BASE = "/developers#problem-";

export function problem(kind: TProblemKind, detail?: string, errors?: TFieldError[]): TProblem {
  const k = PROBLEM_KINDS[kind];
  return { type: `${PROBLEM_TYPE_BASE}${kind}`, title: k.title, status: k.status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}

/** Thrown inside the API's services to answer with a problem (and roll back the transaction). */
export class ProblemError extends Error {
  constructor(
    readonly problem: TProblem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.title);
  }
}

export function fail(kind: TProblemKind, detail?: string, errors?: TFieldError[], headers?: Record<string, string>): never {
  throw new ProblemError(problem(kind, detail, errors), headers);
}

/** A JSON Pointer (RFC 6901) for an issue's path. */
export function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function problemResponse(p: TProblem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), { status: p.status, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers } });
}
