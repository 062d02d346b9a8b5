import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MappingForm } from "@/components/reporting/return-forms";
import { BackLink, SuccessBanner } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { readSearchParams } from "@/lib/forms/text";
import { messagesFor } from "@/lib/i18n/catalogues";
import { saveMappingAction } from "@/lib/reporting/actions";
import { CRF_CATEGORIES, HSF_CATEGORIES } from "@/lib/reporting/categories";
import { readMapping } from "@/lib/reporting/returns";
import { NEEDS } from "@/lib/vocabulary";
import words from "@/messages/en/reporting.json";

export default async function MappingPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { council: slug, fundId } = await params;
  const { done } = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "funds:manage");
  const mapping = await readMapping(staffActor(access), fundId);
  if (!mapping) notFound();
  const t = await getTranslations("reporting");
  const needWords: Record<string, string> = messagesFor("en").vocabulary.needs;
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/reports/returns`}>{t("list.title")}</BackLink>
      <SuccessBanner testId="mapping-banner" title={t("success")}>
        {done === "saved" ? t("mapping.saved") : null}
      </SuccessBanner>
      <MappingForm
        action={saveMappingAction.bind(null, slug)}
        fundId={mapping.fund.id}
        title={t("mapping.title", { fund: mapping.fund.name })}
        pots={mapping.pots}
        needs={NEEDS.map((n) => ({ value: n, label: needWords[n] ?? n }))}
        groups={[
          { label: t("mapping.crf"), options: CRF_CATEGORIES.map((c) => ({ value: c.id, label: c.label })) },
          { label: t("mapping.hsf"), options: HSF_CATEGORIES.map((c) => ({ value: c.id, label: c.label })) },
        ]}
        words={words.mapping}
      />
    </div>
  );
}
