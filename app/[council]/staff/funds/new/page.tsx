import { getTranslations } from "next-intl/server";
import { randomUUID } from "node:crypto";
import { FundForm, type TPublicFundsWords } from "@/components/funds/fund-form";
import { BackLink } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { createFundAction } from "@/lib/funds/actions";
import { staffMessages } from "@/lib/i18n/catalogues";

export default async function NewFundPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "funds:manage");
  const { funds, staffUi } = staffMessages();
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds`}>{funds.newFund.back}</BackLink>
      <FundForm action={createFundAction.bind(null, slug)} title={funds.newFund.title} idempotencyKey={randomUUID()} words={{ ...funds.fundForm, dateLabels: staffUi.dateLabels, publicFunds: (await getTranslations("eligibility")).raw("funds") as TPublicFundsWords }} />
    </div>
  );
}
