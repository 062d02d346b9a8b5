import { readSearchParams } from "@/lib/forms/text";
import { notFound } from "next/navigation";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { requestPartnerSignInLink } from "@/lib/auth/actions";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export default async function PartnerSignInPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ joined?: string }> }) {
  const { council: slug } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const { joined } = await readSearchParams(searchParams);
  return (
    <div className="md:w-2/3">
      {joined ? (
        <NotificationBanner success title="Success">
          <p className="mb-0 font-bold">You have joined {council.name} Money Hub. Sign in with your work email address.</p>
        </NotificationBanner>
      ) : null}
      <EmailLinkForm action={requestPartnerSignInLink.bind(null, slug)} councilName={council.name} />
    </div>
  );
}
