import { notFound } from "next/navigation";
import { VoucherProviderFormPage } from "@/components/payments/vouchers-provider-page";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { updateVoucherProviderAction } from "@/lib/payments/voucher-actions";
import { findVoucherProvider } from "@/lib/payments/voucher-providers";

export default async function EditVoucherProviderPage({ params }: { params: Promise<{ council: string; providerId: string }> }) {
  const { council: slug, providerId } = await params;
  const access = await requireCouncilPermission(slug, "payments:manage");
  const provider = await findVoucherProvider(staffActor(access), providerId);
  if (!provider) notFound();
  return <VoucherProviderFormPage slug={slug} action={updateVoucherProviderAction.bind(null, slug)} provider={provider} />;
}
