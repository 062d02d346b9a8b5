import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PotForm } from "@/components/funds/pot-form";
import { BackLink } from "@/components/ui/layout-parts";
import { changePotAction } from "@/lib/funds/actions";
import { POT_RULE_OPTIONS } from "@/lib/funds/options";
import { requireFund } from "@/lib/funds/queries";
import { staffMessages } from "@/lib/i18n/catalogues";
import { penceToPoundsText } from "@/lib/money";
import { listOrganisations } from "@/lib/people/queries";

export default async function EditPotPage({ params }: { params: Promise<{ council: string; fundId: string; potId: string }> }) {
  const { council: slug, fundId, potId } = await params;
  const { access, fund } = await requireFund(slug, fundId, "funds:manage");
  const pot = fund.pots.find((p) => p.id === potId);
  if (!pot) notFound();
  const organisations = (await listOrganisations(access.council.id)).filter((o) => o.active || o.id === pot.ownerOrganisationId).map((o) => ({ value: o.id, label: o.name }));
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}/pots/${pot.id}`}>{pot.name}</BackLink>
      <PotForm
        caption={fund.name}
        action={changePotAction.bind(null, slug)}
        title={staffMessages().funds.editPot.title}
        words={staffMessages().funds.potForm}
        housingWords={(await getTranslations("eligibility")).raw("funds")}
        fundId={fund.id}
        potId={pot.id}
        organisations={organisations}
        {...POT_RULE_OPTIONS}
        defaults={{
          name: pot.name,
          ownerOrganisationId: pot.ownerOrganisationId ?? "",
          maxSingleAward: pot.maxSingleAwardPence === null ? "" : penceToPoundsText(pot.maxSingleAwardPence),
          maxAwardsPerHousehold: pot.maxAwardsPerHousehold?.toString() ?? "",
          repeatWindowDays: pot.repeatWindowDays?.toString() ?? "",
          active: pot.active ? "yes" : "no",
        }}
        checked={{ eligibleNeeds: pot.eligibleNeeds, eligibleHouseholdTypes: pot.eligibleHouseholdTypes, accessRoutes: pot.accessRoutes, housingPayment: pot.housingPayment ? ["yes"] : [] }}
      />
    </div>
  );
}
