import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { FundForm } from "@/components/funds/fund-form";
import { BackLink } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { changeFundAction } from "@/lib/funds/actions";
import { getFund } from "@/lib/funds/queries";
import { penceToPoundsText } from "@/lib/money";

const dateParts = (name: string, d: Date) => ({ [`${name}-day`]: String(d.getUTCDate()), [`${name}-month`]: String(d.getUTCMonth() + 1), [`${name}-year`]: String(d.getUTCFullYear()) });

export default async function EditFundPage({ params }: { params: Promise<{ council: string; fundId: string }> }) {
  const { council: slug, fundId } = await params;
  const access = await requireCouncilPermission(slug, "funds:manage");
  const fund = /^[0-9a-f-]{36}$/.test(fundId) ? await getFund(access.council.id, fundId) : null;
  if (!fund) notFound();
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <FundForm
        action={changeFundAction.bind(null, slug)}
        title="Change fund details"
        idempotencyKey={randomUUID()}
        fundId={fund.id}
        defaults={{
          name: fund.name,
          funder: fund.funder,
          ...dateParts("periodStart", fund.periodStart),
          ...dateParts("periodEnd", fund.periodEnd),
          allocation: penceToPoundsText(fund.allocationPence),
          adminCap: fund.adminCapBasisPoints === null ? "" : String(fund.adminCapBasisPoints / 100),
        }}
      />
    </div>
  );
}
