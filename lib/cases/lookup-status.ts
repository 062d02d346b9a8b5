import "server-only";
import { promiseOf, type TResidentPromise } from "@/lib/applications/promise";
import type { TAwardState } from "@/lib/vocabulary";
import { residentView, type TPartly } from "@/lib/cases/resident-view";
import type { TCaseState } from "@/lib/cases/lifecycle";
import { withTenant } from "@/lib/db/tenant-scope";
import type { ResidentStatus } from "@/lib/generated/prisma/client";
import { hitRateLimit, refundRateLimit, type RateLimit } from "@/lib/security/rate-limit";

// A resident checks where their application is with the reference and date of birth. Wrong
// details get one neutral answer (no hint which part was wrong). Guessing is throttled per
// reference (failures only) and per client IP (every attempt, when the IP is known). Every
// attempt is counted first, in one atomic statement, and a right answer is refunded: so 100
// parallel guesses at one reference still get only 5 looked at. The word shown is
// Application.residentStatus, which the case (casework issue) keeps up to date; while some award
// lines wait for a second person, `partly` says what is approved now and what is being checked,
// from the same projection as the resident's word and messages (lib/cases/resident-view.ts).
export const STATUS_FAILURES_PER_REFERENCE: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
export const STATUS_LOOKUPS_PER_IP: RateLimit = { limit: 30, windowSeconds: 15 * 60 };

export type TStatusResult =
  | {
      outcome: "found";
      reference: string;
      status: ResidentStatus;
      submittedAt: Date;
      promise: TResidentPromise | null;
      partly: TPartly | null;
      /** Closed as a duplicate: the reference of the application we are dealing with. */
      dealtWithUnder: string | null;
      /** An approved line's payment was returned or rejected and is not paid again yet (issue 19). */
      paymentFailed: boolean;
      /** While more information is needed: what was asked and by when (the stored request, lib/information). */
      moreInfo: { question: string; replyBy: Date } | null;
    }
  | { outcome: "not-found" }
  | { outcome: "throttled" };

export async function lookupStatus(tenantId: string, input: { reference: string; dateOfBirth: string }, ip: string | null): Promise<TStatusResult> {
  const refKey = `status:ref:${tenantId}:${input.reference}`;
  if (ip && !(await hitRateLimit(`status:ip:${ip}`, STATUS_LOOKUPS_PER_IP)).allowed) return { outcome: "throttled" };
  if (!(await hitRateLimit(refKey, STATUS_FAILURES_PER_REFERENCE)).allowed) return { outcome: "throttled" };
  const row = await withTenant(tenantId, (tx) =>
    tx.application.findUnique({
      where: { tenantId_reference: { tenantId, reference: input.reference } },
      select: {
        reference: true,
        residentStatus: true,
        submittedAt: true,
        dateOfBirth: true,
        case: {
          select: {
            slaDueOn: true,
            priorityBand: true,
            status: true,
            duplicateOf: { select: { reference: true } },
            awards: {
              select: { id: true, status: true, amountPence: true, needCategory: true, payments: { select: { id: true, status: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 } },
              orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            },
            informationRequests: { select: { question: true, replyBy: true, answeredAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
          },
        },
      },
    }),
  );
  if (!row || row.dateOfBirth.toISOString().slice(0, 10) !== input.dateOfBirth) return { outcome: "not-found" };
  await refundRateLimit(refKey);
  const lines = row.case?.awards.map(({ payments, ...a }) => ({ ...a, status: a.status as TAwardState, payment: payments[0] ?? null })) ?? [];
  const view = row.case ? residentView({ status: row.case.status as TCaseState, decision: null }, lines, null) : null;
  const partly = view?.partly ?? null;
  const paymentFailed = Boolean(view?.paymentFailed.length);
  const asked = row.case?.status === "AWAITING_INFORMATION" ? row.case.informationRequests[0] : undefined;
  const moreInfo = asked && !asked.answeredAt ? { question: asked.question, replyBy: asked.replyBy } : null;
  const dealtWithUnder = row.case?.status === "CLOSED_DUPLICATE" ? (row.case.duplicateOf?.reference ?? null) : null;
  return { outcome: "found", reference: row.reference, status: row.residentStatus, submittedAt: row.submittedAt, promise: row.case ? promiseOf(row.case) : null, partly, paymentFailed, dealtWithUnder, moreInfo };
}
