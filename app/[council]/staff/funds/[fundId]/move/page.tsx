import { readSearchParams } from "@/lib/forms/text";
import { randomUUID } from "node:crypto";
import { MoveMoneyForm } from "@/components/funds/money-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { moveMoneyAction } from "@/lib/funds/actions";
import { requireFund } from "@/lib/funds/queries";
import { formatPence } from "@/lib/money";

export default async function MoveMoneyPage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<{ from?: string }> }) {
  const { council: slug, fundId } = await params;
  const { from } = await readSearchParams(searchParams);
  const { fund } = await requireFund(slug, fundId, "funds:manage");
  const pots = fund.pots.map((p) => ({ value: p.id, label: `${p.name} (${formatPence(p.balances.available)} available)` }));
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <MoveMoneyForm
        action={moveMoneyAction.bind(null, slug)}
        fundId={fund.id}
        idempotencyKey={randomUUID()}
        fromPots={pots}
        toPots={[...pots, { value: "fund", label: `Back to the fund, not in any pot (${formatPence(fund.unallocatedPence)} now)` }]}
        defaultFrom={from}
      />
    </div>
  );
}
