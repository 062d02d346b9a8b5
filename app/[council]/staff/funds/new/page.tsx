import { randomUUID } from "node:crypto";
import { FundForm } from "@/components/funds/fund-form";
import { BackLink } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { createFundAction } from "@/lib/funds/actions";


export default async function NewFundPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "funds:manage");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/funds`}>Funds</BackLink>
      <FundForm action={createFundAction.bind(null, slug)} title="Add a fund" idempotencyKey={randomUUID()} />
    </div>
  );
}
