import Link from "next/link";
import { CreateCouncilForm } from "@/components/platform/create-council-form";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { requirePlatformOperator } from "@/lib/auth/access";
import { createCouncilAction } from "@/lib/platform/actions";
import { listCouncils } from "@/lib/tenancy/queries";

export const metadata = { title: "Councils – Money Hub platform" };

export default async function PlatformPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  await requirePlatformOperator();
  const { created } = await searchParams;
  const councils = await listCouncils();
  return (
    <>
      <h1>Councils on this Money Hub</h1>
      {created ? (
        <NotificationBanner success title="Success">
          <p className="mb-0 font-bold">Council added. Its first admin has been emailed an invitation.</p>
        </NotificationBanner>
      ) : null}
      <table className="govuk-table">
        <thead>
          <tr>
            <th scope="col">Council</th>
            <th scope="col">Web address</th>
            <th scope="col">Status</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {councils.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>
                <Link href={`/${c.slug}`}>/{c.slug}</Link>
              </td>
              <td>{c.status === "ACTIVE" ? "Active" : "Suspended"}</td>
              <td>{c.createdAt.toLocaleDateString("en-GB")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="md:w-2/3">
        <CreateCouncilForm action={createCouncilAction} />
      </div>
    </>
  );
}
