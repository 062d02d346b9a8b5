import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";

export const metadata = { title: "This sign-in link does not work – Money Hub" };

const REASONS: Record<string, string> = {
  expired: "The link has expired. Links only work for 15 minutes.",
  used: "The link has already been used. Each link works once.",
  invalid: "The link is not right, or you no longer have access.",
};

export default async function LinkProblemPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ reason?: string }> }) {
  const { council } = await params;
  const reason = (await readSearchParams(searchParams)).reason ?? "invalid";
  return (
    <div className="md:w-2/3">
      <h1>This sign-in link does not work</h1>
      <p>{REASONS[reason] ?? REASONS.invalid}</p>
      <p>
        <Link href={`/${council}/partner/sign-in`} className="govuk-button">
          Ask for a new link
        </Link>
      </p>
    </div>
  );
}
