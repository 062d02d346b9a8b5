import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DraftReturnForm } from "@/components/reporting/return-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { draftReturnAction } from "@/lib/reporting/actions";
import { PLAN_LINES } from "@/lib/reporting/categories";
import { fundsForReturns } from "@/lib/reporting/returns";
import words from "@/messages/en/reporting.json";

export default async function NewReturnPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "funds:manage");
  const funds = await fundsForReturns(staffActor(access));
  if (!funds) notFound();
  const t = await getTranslations("reporting");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/reports/returns`}>{t("list.title")}</BackLink>
      <DraftReturnForm
        action={draftReturnAction.bind(null, slug)}
        idempotencyKey={randomUUID()}
        funds={funds.map((f) => ({ value: f.id, label: f.name }))}
        planLines={PLAN_LINES.map((l) => ({ value: l.id, label: l.label }))}
        words={words.draftForm}
      />
    </div>
  );
}
