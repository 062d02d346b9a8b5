// The journey through the application as a pure object (after GOV.UK Forms' journey and its
// can_visit? guard): which pages apply given the answers so far, which comes next, and whether a
// page may be visited yet. No I/O: the answer store is passed in.
import { postcodeInAreas } from "@/lib/applications/formats";
import { STEP_IDS, type TStepId, type TStepOutputs } from "@/lib/applications/steps";

export type TJourneyContext = { postcodeAreas: readonly string[] };
/** Where a resident can be sent: a question page or one of the journey's own pages. */
export type TDestination = TStepId | "check-answers" | "outside-area";

const CONDITIONS: Partial<Record<TStepId, (a: TStepOutputs) => boolean>> = {
  "address-manual": (a) => a.address?.address === "manual",
  "children-ages": (a) => (a.household?.children ?? 0) > 0,
  "rent-arrears": (a) => a.needs?.needs.includes("rent-arrears") ?? false,
  "council-tax-arrears": (a) => a.needs?.needs.includes("council-tax-arrears") ?? false,
  "other-need": (a) => a.needs?.needs.includes("other") ?? false,
  "bank-details": (a) => a.payment?.paymentMethod === "bank",
};

export function applies(step: TStepId, answers: TStepOutputs): boolean {
  return CONDITIONS[step]?.(answers) ?? true;
}

/** The pages this resident has to answer, in order, given what they have said so far. */
export function applicableSteps(answers: TStepOutputs): TStepId[] {
  return STEP_IDS.filter((s) => applies(s, answers));
}

export function isOutsideArea(answers: TStepOutputs, ctx: TJourneyContext): boolean {
  const postcode = answers.postcode?.postcode;
  return postcode !== undefined && !postcodeInAreas(postcode, ctx.postcodeAreas);
}

/** The first page still to answer; "check-answers" when everything is answered. */
export function firstIncomplete(answers: TStepOutputs, ctx: TJourneyContext): TDestination {
  for (const step of applicableSteps(answers)) {
    if (answers[step] === undefined) return step;
    if (step === "postcode" && isOutsideArea(answers, ctx)) return "outside-area";
  }
  return "check-answers";
}

/**
 * Whether a page may be shown: every page before it that applies must be answered, so nobody
 * jumps past a required question by typing a URL. Pages already answered can always be revisited.
 */
export function canVisit(target: TDestination, answers: TStepOutputs, ctx: TJourneyContext): boolean {
  const frontier = firstIncomplete(answers, ctx);
  if (target === "outside-area") return frontier === "outside-area";
  if (frontier === "outside-area") return target !== "check-answers" && STEP_IDS.indexOf(target) <= STEP_IDS.indexOf("postcode");
  if (target === "check-answers") return frontier === "check-answers";
  if (!applies(target, answers)) return false;
  if (frontier === "check-answers") return true;
  return STEP_IDS.indexOf(target) <= STEP_IDS.indexOf(frontier);
}

/**
 * Where to go after saving a page. Normally the next page that applies; when the resident came
 * from "check your answers" (change), straight back there unless the change opened a new
 * question (say, they now owe rent) that must be answered first.
 */
export function nextDestination(current: TStepId, answers: TStepOutputs, ctx: TJourneyContext, { change = false } = {}): TDestination {
  const frontier = firstIncomplete(answers, ctx);
  if (frontier === "outside-area") return "outside-area";
  if (change) return frontier;
  const steps = applicableSteps(answers);
  const next = steps[steps.indexOf(current) + 1];
  if (!next) return frontier;
  // Never skip past an unanswered page (e.g. an earlier page that a new answer made relevant).
  return STEP_IDS.indexOf(frontier as TStepId) !== -1 && STEP_IDS.indexOf(frontier as TStepId) < STEP_IDS.indexOf(next) ? frontier : next;
}

/** The page the Back link goes to (null on the first page: it goes to the start page). */
export function previousStep(current: TDestination, answers: TStepOutputs, ctx: TJourneyContext): TStepId | null {
  if (current === "outside-area") return "postcode";
  const steps = applicableSteps(answers);
  if (current === "check-answers") return steps.at(-1) ?? null;
  if (current === "postcode" || !isOutsideArea(answers, ctx)) {
    const i = steps.indexOf(current);
    return i > 0 ? steps[i - 1]! : null;
  }
  return "postcode";
}
