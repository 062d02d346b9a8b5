import { requireCouncilPermission } from "@/lib/auth/access";
import { withTenant } from "@/lib/db/tenant-scope";

export const metadata = { title: "Partner portal – Money Hub" };

export default async function PartnerHomePage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "referrals:read-own", `/${slug}/partner/sign-in`);
  const organisation = access.organisationId
    ? await withTenant(access.council.id, (tx) => tx.organisation.findUnique({ where: { id: access.organisationId! }, select: { name: true } }))
    : null;
  return (
    <>
      <span className="govuk-caption-l">
        {access.council.name} · {organisation?.name}
      </span>
      <h1>Partner portal</h1>
      <p>Hello, {access.user.name}. From here you will make fast-track referrals for the residents you support and see what happened to them.</p>
      <h2 className="govuk-heading-m">Your referrals</h2>
      <p>You have not made any referrals yet.</p>
    </>
  );
}
