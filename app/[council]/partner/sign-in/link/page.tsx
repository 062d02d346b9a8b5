import { readSearchParams } from "@/lib/forms/text";
import { notFound } from "next/navigation";
import { spendPartnerSignInLink } from "@/lib/auth/actions";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export const metadata = { title: "Sign in to the partner portal – Money Hub" };

// Opening the link does not sign anyone in: email security scanners open links too, and would
// spend the token. The person presses the button, which posts the token once.
export default async function MagicLinkPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ token?: string }> }) {
  const { council: slug } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const token = (await readSearchParams(searchParams)).token ?? "";
  const action = spendPartnerSignInLink.bind(null, slug);
  return (
    <div className="md:w-2/3">
      <span className="govuk-caption-l">{council.name}</span>
      <h1>Sign in to the partner portal</h1>
      <p>Press the button to finish signing in.</p>
      <p className="text-govuk-secondary" data-testid="why-press">
        We ask for this press because some email systems open links to check them for viruses. If opening the link signed you in, that check would use up
        your sign-in link before you could.
      </p>
      <form action={action}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="govuk-button">
          Sign in
        </button>
      </form>
    </div>
  );
}
