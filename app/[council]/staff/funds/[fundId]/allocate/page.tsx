import { readSearchParams } from "@/lib/forms/text";
import { randomUUID } from "node:crypto";
import { AllocateForm } from "@/components/funds/money-forms";
import { BackLink } from "@/components/ui/layout-parts";
import { allocateAction } from "@/lib/funds/actions";
import { requireFund } from "@/lib/funds/queries";
import { staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";
import { formatPence } from "@/lib/money";

export default async function AllocatePage({ params, searchParams }: { params: Promise<{ council: string; fundId: string }>; searchParams: Promise<{ pot?: string }> }) {
  const { council: slug, fundId } = await params;
  const { pot } = await readSearchParams(searchParams);
  const { fund } = await requireFund(slug, fundId, "funds:manage");
  const t = await getTranslations("funds");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds/${fund.id}`}>{fund.name}</BackLink>
      <AllocateForm
        action={allocateAction.bind(null, slug)}
        fundId={fund.id}
        idempotencyKey={randomUUID()}
        pots={fund.pots.map((p) => ({ value: p.id, label: t("potOption", { name: p.name, available: formatPence(p.balances.available) }) }))}
        defaultPot={pot}
        leftToAllocate={formatPence(fund.unallocatedPence)}
        words={staffMessages().funds.allocateForm}
      />
    </div>
  );
}
