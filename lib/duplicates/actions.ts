"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffActor } from "@/lib/actor";
import { staffAction } from "@/lib/auth/action-client";
import { closeAsDuplicate, decideMatch, MATCH_LINKS, type TCloseResult, type TMatchResult } from "@/lib/duplicates/manage";
import { formError, type TFormState } from "@/lib/forms/form-state";
import { hasControlInText, zText } from "@/lib/forms/text";
import words from "@/messages/en/duplicates.json";

// The "Possible duplicates" panel's forms (components/duplicates/duplicates-panel.tsx). staffAction
// checks Origin, session, the council and cases:work before these run; the services check it
// again. Success goes back to the case with a banner (?done=duplicate-…); without JavaScript too.

const e = words.errors;
const casePath = (slug: string, caseId: string, done: string) => `/${slug}/staff/cases/${caseId}?done=${done}`;
const ZMatchForm = z.object({ caseId: z.uuid({ error: "case.notFound" }), matchId: z.string().max(40), link: z.string().max(20).optional().default(""), reason: zText().max(2000).optional().default("") });
const ZCloseForm = z.object({ caseId: z.uuid({ error: "case.notFound" }), originalCaseId: z.string().max(40) });

function matchRefusal(r: Exclude<TMatchResult, { outcome: "done" }>, values: Record<string, string>, reasonField: string): TFormState {
  switch (r.outcome) {
    case "forbidden":
      return formError(e.forbidden, values);
    case "not-found":
      return formError(e.notFound, values);
    case "reason-required":
      return { errors: [{ field: reasonField, message: e.reasonRequired }], values };
    case "reason-too-long":
      return { errors: [{ field: reasonField, message: e.reasonTooLong }], values };
  }
}

export const linkMatchAction = staffAction({ permission: "cases:work", schema: ZMatchForm, name: "link duplicate" }, async (ctx, input, raw) => {
  if (!(input.link in MATCH_LINKS)) return formError(e.notFound, raw);
  const r = await decideMatch(staffActor(ctx), input.matchId, { link: input.link as keyof typeof MATCH_LINKS }, ctx.ip);
  if (r.outcome !== "done") return matchRefusal(r, raw, "reason");
  redirect(casePath(ctx.council.slug, input.caseId, "duplicate-linked"));
});

export const dismissMatchAction = staffAction({ permission: "cases:work", schema: ZMatchForm, name: "dismiss duplicate" }, async (ctx, input, raw) => {
  // One form per match on the page: the reason field is named after the match, so its error points at it.
  const field = `reason-${input.matchId}`;
  const reason = raw[field] ?? input.reason;
  if (hasControlInText(reason)) return { errors: [{ field, message: e.hiddenControl }], values: raw };
  const r = await decideMatch(staffActor(ctx), input.matchId, { dismiss: reason }, ctx.ip);
  if (r.outcome !== "done") return matchRefusal(r, raw, field);
  redirect(casePath(ctx.council.slug, input.caseId, "duplicate-dismissed"));
});

function closeRefusal(r: Exclude<TCloseResult, { outcome: "done" }>, values: Record<string, string>, field: string): TFormState {
  switch (r.outcome) {
    case "forbidden":
      return formError(e.forbidden, values);
    case "not-found":
      return formError(e.notFound, values);
    case "not-open":
      return formError(e.notOpen, values);
    case "original-closed":
      return formError(e.originalClosed, values);
    case "changed":
      return formError(e.changed, values);
    case "note-too-long":
      return { errors: [{ field, message: e.reasonTooLong }], values };
  }
}

export const closeDuplicateAction = staffAction({ permission: "cases:work", schema: ZCloseForm, name: "close as duplicate" }, async (ctx, input, raw) => {
  // One form per match: the note's field is named after the match, so an error points at it.
  const field = Object.keys(raw).find((k) => k.startsWith("note-")) ?? "note";
  const note = raw[field] ?? "";
  if (hasControlInText(note)) return { errors: [{ field, message: e.hiddenControl }], values: raw };
  const r = await closeAsDuplicate(staffActor(ctx), input.caseId, input.originalCaseId, note, ctx.ip);
  if (r.outcome !== "done") return closeRefusal(r, raw, field);
  redirect(casePath(ctx.council.slug, input.caseId, "duplicate-closed"));
});
