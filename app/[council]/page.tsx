import Link from "next/link";
import { notFound } from "next/navigation";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export async function generateMetadata({ params }: { params: Promise<{ council: string }> }) {
  const council = await findCouncilBySlug((await params).council);
  return { title: council ? `Get help with money – ${council.name} – Money Hub` : "Page not found – Money Hub" };
}

export default async function CouncilStartPage({ params }: { params: Promise<{ council: string }> }) {
  const council = await findCouncilBySlug((await params).council);
  if (!council) notFound();
  return (
    <div className="md:w-2/3">
      <h1>Get help with money from {council.name}</h1>
      <p>If you are struggling to pay for food, energy, essentials or your rent, {council.name} may be able to help with a one-off award.</p>
      <p>
        Call us on <strong>{council.contactPhone}</strong> or email <a href={`mailto:${council.contactEmail}`}>{council.contactEmail}</a>.
      </p>
      <hr className="govuk-section-break" />
      <h2 className="text-2xl">For partner organisations</h2>
      <p>
        Health visitors, midwives, social prescribers and other partners can <Link href={`/${council.slug}/partner/sign-in`}>sign in to the partner portal</Link> to refer someone.
      </p>
      <h2 className="text-2xl">For council staff</h2>
      <p>
        <Link href="/sign-in">Staff sign in</Link>
      </p>
    </div>
  );
}
