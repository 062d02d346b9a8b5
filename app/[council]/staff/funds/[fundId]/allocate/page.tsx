import { readSearchParams } from "@/lib/forms/text";
import { randomUUID } from "node:crypto";
import { AllocateForm } from "@/components/funds/money-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { allocateAction } from "@/lib/funds/actions";
import { requireFund } from "@/lib/funds/queries";
import { formatPence } from "@/lib/money";

export default async function AllocatePage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<{ pot?: string }> }) {
  const { council: slug, fundId } = await params;
  const { pot } = await readSearchParams(searchParams);
  const { fund } = await requireFund(slug, fundId, "funds:manage");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <AllocateForm
        action={allocateAction.bind(null, slug)}
        fundId={fund.id}
        idempotencyKey={randomUUID()}
        pots={fund.pots.map((p) => ({ value: p.id, label: `${p.name} (${formatPence(p.balances.available)} available)` }))}
        defaultPot={pot}
        leftToAllocate={formatPence(fund.unallocatedPence)}
      />
    </div>
  );
}
