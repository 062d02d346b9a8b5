import { notFound } from "next/navigation";
import { answerLabel, CaseHeader } from "@/components/cases/case-file";
import { AmendForm } from "@/components/cases/case-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { amendAction } from "@/lib/decisions/actions";
import { loadCasePage } from "@/lib/cases/case-page";
import { AMENDABLE_FIELD_NAMES } from "@/lib/cases/forms";
import { staffActor } from "@/lib/actor";
import { messagesFor } from "@/lib/i18n/catalogues";
import { clientIp } from "@/lib/security/request";
import { getTranslations } from "next-intl/server";

export default async function AmendPage({ params }: { params: Promise<{ council: string; caseId: string }> }) {
  const { council: slug, caseId } = await params;
  const access = await requireCouncilPermission(slug, "cases:work");
  const page = await loadCasePage(staffActor(access), caseId, await clientIp());
  if (!page) notFound();
  const m = messagesFor("en");
  const c = page.file;
  const t = await getTranslations("amendPage");
  return (
    <>
      <BackLink href={`/${slug}/staff/cases/${c.id}`}>{t("back", { reference: c.reference })}</BackLink>
      <CaseHeader page={page} m={m} now={new Date()} />
      <div className="lg:w-2/3">
        <h1 className="govuk-heading-l">{t("heading")}</h1>
        <p className="govuk-body">{t("intro")}</p>
        <AmendForm action={amendAction.bind(null, slug)} caseId={c.id} title={t("title", { reference: c.reference })} fields={AMENDABLE_FIELD_NAMES.map((f) => ({ value: f, label: answerLabel(m, f) }))} words={m.caseForms.amend} />
      </div>
    </>
  );
}
