import { AdvicePartnerFormPage } from "@/components/advice/partner-form-page";
import { createAdvicePartnerAction } from "@/lib/advice/actions";
import { requireCouncilPermission } from "@/lib/auth/access";

export default async function NewAdvicePartnerPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "advice:manage");
  return <AdvicePartnerFormPage slug={slug} action={createAdvicePartnerAction.bind(null, slug)} />;
}
