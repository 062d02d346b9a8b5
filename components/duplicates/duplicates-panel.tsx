import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SmallCaseForm } from "@/components/cases/case-forms";
import { DisclosureForm } from "@/components/duplicates/disclosure-form";
import type { TStaffActor } from "@/lib/actor";
import { isOpenCase, type TCaseState } from "@/lib/cases/lifecycle";
import { formatDate } from "@/lib/dates";
import { closeDuplicateAction, dismissMatchAction, linkMatchAction } from "@/lib/duplicates/actions";
import { readDuplicatesPanel, type TPanelMatch } from "@/lib/duplicates/queries";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";

// "Possible duplicates" at the top of the case (issue 18): each match with why it matched, the
// other case's reference, status and awards, and what the officer made of it; the household's
// repeats; and the actions (link, dismiss with a reason, close as duplicate), each a server
// action that works without JavaScript (lib/duplicates/actions.ts). Words: messages/en/duplicates.json.

const STATE_TAG: Record<TPanelMatch["state"], string> = {
  OPEN: "govuk-tag--yellow",
  LINKED_SAME_PERSON: "govuk-tag--blue",
  LINKED_SAME_HOUSEHOLD: "govuk-tag--blue",
  DISMISSED: "govuk-tag--grey",
};

/** The banner after one of the panel's actions (?done=duplicate-…), or null. */
export async function duplicatesBanner(done: string | undefined): Promise<string | null> {
  if (!done?.startsWith("duplicate-")) return null;
  const t = await getTranslations("duplicates.panel.done");
  const key = done.slice("duplicate-".length);
  return key === "linked" || key === "dismissed" || key === "closed" ? t(key) : null;
}

export async function DuplicatesPanel({ actor, slug, caseId, works }: { actor: TStaffActor; slug: string; caseId: string; works: boolean }) {
  const panel = await readDuplicatesPanel(actor, caseId);
  if (!panel || (!panel.matches.length && !panel.repeats.length && !panel.duplicateOf)) return null;
  const t = await getTranslations("duplicates");
  const m = messagesFor("en");
  const caseStatuses = m.casework.caseStatuses as Record<string, string>;
  const awardStatuses = m.casework.awardStatuses as Record<string, string>;
  const open = isOpenCase(panel.caseStatus as TCaseState);
  const base = `/${slug}/staff/cases`;
  return (
    <section aria-labelledby="duplicates-heading" className="govuk-!-margin-bottom-6 border-l-4 border-[#f47738] pl-4" data-testid="duplicates-panel">
      <h2 className="govuk-heading-m" id="duplicates-heading">
        {t("panel.heading")}
      </h2>
      {panel.duplicateOf ? (
        <p className="govuk-inset-text" data-testid="duplicate-of">
          {t("panel.closedAsDuplicate", { reference: panel.duplicateOf.reference })}{" "}
          <Link className="govuk-link" href={`${base}/${panel.duplicateOf.id}`}>
            {panel.duplicateOf.reference}
          </Link>
        </p>
      ) : null}
      {panel.matches.length ? <p className="govuk-body-s mb-2">{t("panel.intro")}</p> : null}
      <ul className="govuk-list" data-testid="duplicate-matches">
        {panel.matches.map((x) => (
          <li key={x.id} className="border-b border-[#b1b4b6] py-2" data-testid="duplicate-match">
            <p className="govuk-body-s mb-1">
              <span className="govuk-visually-hidden">{x.direction === "earlier" ? t("panel.earlierApplication") : t("panel.laterApplication")}: </span>
              <Link className="govuk-link font-bold" href={`${base}/${x.otherCaseId}`} data-testid="duplicate-reference">
                {x.reference}
              </Link>{" "}
              {x.fullName} · {caseStatuses[x.caseStatus] ?? x.caseStatus} · {t("panel.received", { date: formatDate(x.receivedAt) })}{" "}
              <strong className={`govuk-tag ${STATE_TAG[x.state]}`} data-testid="duplicate-state">
                {t(`states.${x.state}`)}
              </strong>
            </p>
            <p className="govuk-body-s mb-1" data-testid="duplicate-reasons">
              {t("panel.reasonsLabel")}: {x.reasons.map((r) => t(`reasons.${r}`)).join(", ")}
            </p>
            <p className="govuk-body-s mb-1">
              {x.awards.length
                ? x.awards.map((a) => t("panel.awardLine", { amount: formatPence(a.amountPence), pot: a.potName, status: (awardStatuses[a.status] ?? a.status).toLowerCase() })).join("; ")
                : t("panel.noAwards")}
            </p>
            {x.stateReason ? <p className="govuk-body-s mb-1">{x.stateReason}</p> : null}
            <div className="flex flex-wrap items-start gap-x-6 [&_.govuk-button]:mb-2 [&_.govuk-details]:mb-2">
            {works && x.state === "OPEN" ? (
              <div className="flex flex-wrap gap-x-4">
                <SmallCaseForm action={linkMatchAction.bind(null, slug)} hidden={{ caseId, matchId: x.id, link: "same-person" }} submit={t("panel.linkSamePerson")} variant="secondary" testId="link-same-person" />
                <SmallCaseForm action={linkMatchAction.bind(null, slug)} hidden={{ caseId, matchId: x.id, link: "same-household" }} submit={t("panel.linkSameHousehold")} variant="secondary" testId="link-same-household" />
              </div>
            ) : null}
            {works && x.state === "OPEN" ? (
              <DisclosureForm
                summary={t("panel.dismiss")}
                action={dismissMatchAction.bind(null, slug)}
                hidden={{ caseId, matchId: x.id }}
                field={{ name: `reason-${x.id}`, label: t("panel.dismissWhy"), hint: t("panel.dismissHint") }}
                submit={t("panel.dismissSubmit")}
                testId="dismiss-form"
              />
            ) : null}
            {works && open && x.caseStatus !== "CLOSED_DUPLICATE" ? (
              <DisclosureForm
                summary={t("panel.closeDuplicate", { reference: x.reference })}
                action={closeDuplicateAction.bind(null, slug)}
                hidden={{ caseId, originalCaseId: x.otherCaseId }}
                field={{ name: `note-${x.id}`, label: t("panel.closeNote"), hint: t("panel.closeHint", { reference: x.reference }) }}
                submit={t("panel.closeSubmit")}
                variant="warning"
                testId="close-duplicate-form"
              />
            ) : null}
            </div>
          </li>
        ))}
      </ul>
      {panel.repeats.length ? (
        <>
          <h3 className="govuk-heading-s">{t("panel.repeatsHeading")}</h3>
          <p className="govuk-body-s">{t("panel.repeatsIntro")}</p>
          <ul className="govuk-list govuk-list--bullet" data-testid="duplicate-repeats">
            {panel.repeats.map((r, i) => (
              <li key={i}>
                <Link className="govuk-link" href={`${base}/${r.caseId}`}>
                  {r.reference}
                </Link>
                : {t("panel.repeatLine", { amount: formatPence(r.amountPence), pot: r.potName, date: formatDate(r.at), days: String(r.repeatWindowDays) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
