import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseHeader } from "@/components/cases/case-file";
import { DecisionForm } from "@/components/cases/case-forms";
import { caseworkWords } from "@/components/cases/words";
import { BackLink } from "@/components/ui/layout-parts";
import { AWARD_PAYMENT_METHODS } from "@/lib/vocabulary";
import { requireCouncilPermission } from "@/lib/auth/access";
import { decideAction } from "@/lib/decisions/actions";
import { loadCasePage } from "@/lib/cases/case-page";
import { DECISION_FORM_LINES } from "@/lib/cases/forms";
import { potChoicesForCase } from "@/lib/awards/award-checks";
import { staffActor } from "@/lib/actor";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";
import { clientIp } from "@/lib/security/request";
import { NEEDS } from "@/lib/vocabulary";
import { getTranslations } from "next-intl/server";

export default async function DecidePage({ params }: { params: Promise<{ council: string; caseId: string }> }) {
  const { council: slug, caseId } = await params;
  const access = await requireCouncilPermission(slug, "cases:work");
  const actor = staffActor(access);
  const page = await loadCasePage(actor, caseId, await clientIp());
  if (!page) notFound();
  const m = messagesFor("en");
  const w = caseworkWords(m);
  const t = await getTranslations("decidePage");
  const c = page.file;
  const casePath = `/${slug}/staff/cases/${c.id}`;
  const ready = (c.status === "IN_REVIEW" || c.status === "AWAITING_INFORMATION") && c.assignedToId === access.user.userId;
  const choices = ready ? ((await potChoicesForCase(actor, c.id)) ?? []) : [];
  const pots = choices.filter((p) => p.verdict.eligible);
  const potLabel = (p: (typeof choices)[number]) => (p.maxSingleAwardPence !== null ? t("potWithLargest", { name: p.name, fund: p.fundName, available: formatPence(p.availablePence), largest: formatPence(p.maxSingleAwardPence) }) : t("pot", { name: p.name, fund: p.fundName, available: formatPence(p.availablePence) }));
  const eligibility = await getTranslations("eligibility");
  const data = c.application.data as { payment?: { method?: string } };
  return (
    <>
      <BackLink href={casePath}>{t("back", { reference: c.reference })}</BackLink>
      <CaseHeader page={page} m={m} now={new Date()} />
      <div className="lg:w-2/3">
        {ready ? (
          <DecisionForm
            action={decideAction.bind(null, slug)}
            caseId={c.id}
            title={t("title", { reference: c.reference })}
            lines={DECISION_FORM_LINES}
            needs={NEEDS.map((n) => ({ value: n, label: w.need(n) }))}
            pots={pots.map((p) => ({ value: p.id, label: potLabel(p) }))}
            override={{ pots: choices.filter((p) => p.open && p.overridable).map((p) => ({ value: p.id, label: potLabel(p) })), words: { notEligibleGroup: eligibility("form.notEligibleGroup"), overrideLabel: eligibility.raw("form.overrideLabel") as string, overrideHint: eligibility("form.overrideHint") } }}
            methods={AWARD_PAYMENT_METHODS.map((p) => ({ value: p, label: w.paymentMethod(p) }))}
            reasons={page.settings.reasonCodes.map((r) => ({ value: r.code, label: t("reason", { label: r.label, decision: r.decision }) }))}
            limitText={t("limit", { limit: formatPence(page.settings.officerLimitPence) })}
            defaultMethod={data.payment?.method ?? ""}
            words={m.caseForms.decision}
          />
        ) : (
          <>
            <title>{t("pageTitle", { reference: c.reference })}</title>
            <h1 className="govuk-heading-l">{t("cannot")}</h1>
            <p className="govuk-body">{c.status === "IN_REVIEW" ? t("onlyAssigned") : t("itIs", { status: w.status(c.status).toLowerCase() })}</p>
            <p className="govuk-body">
              <Link href={casePath}>{t("goBack")}</Link>
            </p>
          </>
        )}
      </div>
    </>
  );
}
