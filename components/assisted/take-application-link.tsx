import Link from "next/link";
import { assistedWords } from "@/lib/assisted/pages";

/** On the queue: the officer's way to take an application by phone or in person (shown to staff who work cases). */
export function TakeApplicationLink({ slug, show }: { slug: string; show: boolean }) {
  if (!show) return null;
  return (
    <p className="govuk-body">
      <Link className="govuk-link" href={`/${slug}/staff/apply`} data-testid="take-application">
        {assistedWords.home.link}
      </Link>
    </p>
  );
}
