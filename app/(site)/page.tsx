import Link from "next/link";
import { listCouncils } from "@/lib/tenancy/queries";

export const metadata = { title: "Get emergency help with money – Money Hub" };

export default async function HomePage() {
  const councils = (await listCouncils()).filter((c) => c.status === "ACTIVE");
  return (
    <>
      <h1>Get emergency help with money from your council</h1>
      <p>If you cannot afford food, energy or essentials, your council may be able to help. Choose your council to apply.</p>
      <ul className="mb-8 list-none">
        {councils.map((c) => (
          <li key={c.id} className="mb-3 text-lg">
            <Link href={`/${c.slug}`}>{c.name}</Link>
          </li>
        ))}
      </ul>
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <h2 className="govuk-heading-m">For council staff and partners</h2>
      <p>
        <Link href="/sign-in">Council staff sign in</Link>
      </p>
    </>
  );
}
