// The partner API's request and response shapes, as Zod schemas: the handlers validate with
// them and the OpenAPI document (lib/partner-api/openapi.ts) is generated from them, so the
// document cannot drift from what the API accepts. The referral body is the canonical
// application (lib/applications/schemas.ts) plus the referrer section: the same schemas the
// portal's referral journey uses, not a copy.
import { z } from "zod";
import { ZApplication } from "@/lib/applications/schemas";
import { ZReferrerSection } from "@/lib/referrals/referral";

export const RESIDENT_STATUSES = ["RECEIVED", "IN_REVIEW", "MORE_INFO_NEEDED", "DECIDED", "PAID", "CLOSED"] as const;

export const ZReferralRequest = z
  .strictObject({
    application: ZApplication,
    referrer: ZReferrerSection,
  })
  .describe("A referral: the canonical application for the resident, plus the referrer section.");

export const ZReferral = z
  .strictObject({
    id: z.uuid().describe("The referral's id (use it, or the reference, to read its status)."),
    reference: z.string().describe("The council's reference, as the resident and officers see it."),
    status: z.enum(RESIDENT_STATUSES).describe("Where it is, in the resident's words: received, in review, more information needed, decided, paid, closed."),
    fastTrack: z.boolean(),
    submittedAt: z.iso.datetime(),
    lastChangedAt: z.iso.datetime(),
  });

export const ZReferralList = z
  .strictObject({
    referrals: z.array(ZReferral),
    nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page."),
  });

export const ZListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  status: z.enum(RESIDENT_STATUSES).optional(),
});

export const ZProblem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.strictObject({ pointer: z.string(), detail: z.string(), code: z.string() })).optional(),
  })
  .describe("RFC 9457 problem details; `errors` lists each invalid field (a JSON Pointer into the body).");

export const ZWebhookEvent = z
  .strictObject({
    id: z.uuid().describe("The event's id: a receiver that has seen it may ignore it."),
    type: z.enum(["referral.status_changed", "test"]),
    createdAt: z.iso.datetime(),
    data: z.union([
      z.strictObject({ referral: z.strictObject({ id: z.uuid(), reference: z.string(), status: z.enum(RESIDENT_STATUSES), previousStatus: z.enum(RESIDENT_STATUSES) }) }),
      z.strictObject({ message: z.string() }),
    ]),
  });

/** An Idempotency-Key: 1 to 200 printable ASCII characters (a UUID is a good choice). */
export const ZIdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/);
