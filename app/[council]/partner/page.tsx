import { requireCouncilPermission } from "@/lib/auth/access";
import { getPartnerHome } from "@/lib/partners/queries";

export const metadata = { title: "Partner portal – Money Hub" };

export default async function PartnerHomePage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const access = await requireCouncilPermission(slug, "referrals:read-own", `/${slug}/partner/sign-in`);
  const home = await getPartnerHome(access);
  return (
    <>
      <span className="govuk-caption">
        {home.council} · {home.organisation}
      </span>
      <h1>Partner portal</h1>
      <p>Hello, {home.userName}. From here you will make fast-track referrals for the residents you support and see what happened to them.</p>
      <h2 className="text-2xl">Your referrals</h2>
      <p>You have not made any referrals yet.</p>
    </>
  );
}
