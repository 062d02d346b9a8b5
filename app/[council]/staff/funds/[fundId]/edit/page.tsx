import { getTranslations } from "next-intl/server";
import { randomUUID } from "node:crypto";
import { FundForm, type TPublicFundsWords } from "@/components/funds/fund-form";
import { BackLink } from "@/components/ui/layout-parts";
import { changeFundAction } from "@/lib/funds/actions";
import { requireFund } from "@/lib/funds/queries";
import { staffMessages } from "@/lib/i18n/catalogues";
import { penceToPoundsText } from "@/lib/money";

const dateParts = (name: string, d: Date) => ({ [`${name}-day`]: String(d.getUTCDate()), [`${name}-month`]: String(d.getUTCMonth() + 1), [`${name}-year`]: String(d.getUTCFullYear()) });

export default async function EditFundPage({ params }: { params: Promise<{ council: string; fundId: string }> }) {
  const { council: slug, fundId } = await params;
  const { fund } = await requireFund(slug, fundId, "funds:manage");
  const { funds, staffUi } = staffMessages();
  const eligibility = (await getTranslations("eligibility")).raw("funds") as TPublicFundsWords;
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <FundForm
        action={changeFundAction.bind(null, slug)}
        title={funds.editFund.title}
        words={{ ...funds.fundForm, dateLabels: staffUi.dateLabels, publicFunds: eligibility }}
        idempotencyKey={randomUUID()}
        fundId={fund.id}
        defaults={{
          name: fund.name,
          funder: fund.funder,
          ...dateParts("periodStart", fund.periodStart),
          ...dateParts("periodEnd", fund.periodEnd),
          allocation: penceToPoundsText(fund.allocationPence),
          adminCap: fund.adminCapBasisPoints === null ? "" : String(fund.adminCapBasisPoints / 100),
          publicFunds: fund.publicFunds ? "yes" : "no",
        }}
      />
    </div>
  );
}
