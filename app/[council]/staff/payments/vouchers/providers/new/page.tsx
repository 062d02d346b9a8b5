import { VoucherProviderFormPage } from "@/components/payments/vouchers-provider-page";
import { requireCouncilPermission } from "@/lib/auth/access";
import { createVoucherProviderAction } from "@/lib/payments/voucher-actions";

export default async function NewVoucherProviderPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "payments:manage");
  return <VoucherProviderFormPage slug={slug} action={createVoucherProviderAction.bind(null, slug)} />;
}
