import { getTranslations } from "next-intl/server";
import { randomUUID } from "node:crypto";
import { PotForm } from "@/components/funds/pot-form";
import { BackLink } from "@/components/ui/layout-parts";
import { createPotAction } from "@/lib/funds/actions";
import { POT_RULE_OPTIONS } from "@/lib/funds/options";
import { requireFund } from "@/lib/funds/queries";
import { staffMessages } from "@/lib/i18n/catalogues";
import { listOrganisations } from "@/lib/people/queries";

export default async function NewPotPage({ params }: { params: Promise<{ council: string; fundId: string }> }) {
  const { council: slug, fundId } = await params;
  const { access, fund } = await requireFund(slug, fundId, "funds:manage");
  const organisations = (await listOrganisations(access.council.id)).filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }));
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <PotForm caption={fund.name} action={createPotAction.bind(null, slug)} title={staffMessages().funds.newPot.title} words={staffMessages().funds.potForm} housingWords={(await getTranslations("eligibility")).raw("funds")} fundId={fund.id} idempotencyKey={randomUUID()} organisations={organisations} {...POT_RULE_OPTIONS} />
    </div>
  );
}
