import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseHeader } from "@/components/cases/case-file";
import { DecisionForm } from "@/components/cases/case-forms";
import { caseworkWords } from "@/components/cases/words";
import { BackLink } from "@/components/ui/layout-parts";
import { PAYMENT } from "@/lib/applications/step-fields";
import { requireCouncilPermission } from "@/lib/auth/access";
import { decideAction } from "@/lib/decisions/actions";
import { loadCasePage } from "@/lib/cases/case-page";
import { DECISION_FORM_LINES } from "@/lib/cases/forms";
import { eligiblePotsForCase } from "@/lib/awards/award-checks";
import { staffActor } from "@/lib/actor";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";
import { clientIp } from "@/lib/security/request";
import { NEEDS } from "@/lib/vocabulary";

export default async function DecidePage({ params }: { params: Promise<{ council: string; caseId: string }> }) {
  const { council: slug, caseId } = await params;
  const access = await requireCouncilPermission(slug, "cases:work");
  const actor = staffActor(access);
  const page = await loadCasePage(actor, caseId, await clientIp());
  if (!page) notFound();
  const m = messagesFor("en");
  const w = caseworkWords(m);
  const c = page.file;
  const casePath = `/${slug}/staff/cases/${c.id}`;
  const ready = c.status === "IN_REVIEW" && c.assignedToId === access.user.userId;
  const pots = ready ? await eligiblePotsForCase(actor, c.id) : [];
  const data = c.application.data as { payment?: { method?: string } };
  return (
    <>
      <BackLink href={casePath}>Case {c.reference}</BackLink>
      <CaseHeader page={page} m={m} now={new Date()} />
      <div className="lg:w-2/3">
        {ready ? (
          <DecisionForm
            action={decideAction.bind(null, slug)}
            caseId={c.id}
            title={`Decide case ${c.reference}`}
            lines={DECISION_FORM_LINES}
            needs={NEEDS.map((n) => ({ value: n, label: w.need(n) }))}
            pots={pots.map((p) => ({ value: p.id, label: `${p.name} (${p.fundName}): ${formatPence(p.availablePence)} available${p.maxSingleAwardPence !== null ? `, largest award ${formatPence(p.maxSingleAwardPence)}` : ""}` }))}
            methods={PAYMENT.map((p) => ({ value: p, label: w.paymentMethod(p) }))}
            reasons={page.settings.reasonCodes.map((r) => ({ value: r.code, label: `${r.label}${r.decision === "any" ? "" : r.decision === "approve" ? " (approve)" : " (decline)"}` }))}
            limitText={`You can approve up to ${formatPence(page.settings.officerLimitPence)} in total for this household on your own; from the line that takes this decision over it, the lines wait for an approver.`}
            defaultMethod={data.payment?.method ?? ""}
          />
        ) : (
          <>
            <title>{`Decide case ${c.reference} – Money Hub`}</title>
            <h1 className="govuk-heading-l">This case cannot be decided by you now</h1>
            <p className="govuk-body">{c.status === "IN_REVIEW" ? "Only the officer it is assigned to can decide it." : `It is ${w.status(c.status).toLowerCase()}.`}</p>
            <p className="govuk-body">
              <Link href={casePath}>Go back to the case</Link>
            </p>
          </>
        )}
      </div>
    </>
  );
}
