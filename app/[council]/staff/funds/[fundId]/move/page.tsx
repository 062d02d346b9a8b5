import { readSearchParams } from "@/lib/forms/text";
import { randomUUID } from "node:crypto";
import { MoveMoneyForm } from "@/components/funds/money-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { moveMoneyAction } from "@/lib/funds/actions";
import { requireFund } from "@/lib/funds/queries";
import { staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";
import { formatPence } from "@/lib/money";

export default async function MoveMoneyPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<{ from?: string }> }) {
  const { council: slug, fundId } = await params;
  const { from } = await readSearchParams(searchParams);
  const { fund } = await requireFund(slug, fundId, "funds:manage");
  const t = await getTranslations("funds");
  const pots = fund.pots.map((p) => ({ value: p.id, label: t("potOption", { name: p.name, available: formatPence(p.balances.available) }) }));
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <MoveMoneyForm
        action={moveMoneyAction.bind(null, slug)}
        fundId={fund.id}
        idempotencyKey={randomUUID()}
        fromPots={pots}
        toPots={[...pots, { value: "fund", label: t("backToFund", { amount: formatPence(fund.unallocatedPence) }) }]}
        defaultFrom={from}
        words={staffMessages().funds.moveForm}
      />
    </div>
  );
}
