import { notFound } from "next/navigation";
import { AdvicePartnerFormPage } from "@/components/advice/partner-form-page";
import { staffActor } from "@/lib/actor";
import { updateAdvicePartnerAction } from "@/lib/advice/actions";
import { findAdvicePartner } from "@/lib/advice/partners";
import { requireCouncilPermission } from "@/lib/auth/access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditAdvicePartnerPage({ params }: { params: Promise<{ council: string; partnerId: string }> }) {
  const { council: slug, partnerId } = await params;
  const access = await requireCouncilPermission(slug, "advice:manage");
  const partner = UUID.test(partnerId) ? await findAdvicePartner(staffActor(access), partnerId) : null;
  if (!partner) notFound();
  return <AdvicePartnerFormPage slug={slug} action={updateAdvicePartnerAction.bind(null, slug)} partner={partner} />;
}
