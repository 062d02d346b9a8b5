import Link from "next/link";
import { redirect } from "next/navigation";
import { listStaffCouncils } from "@/lib/people/queries";
import { getSessionUser } from "@/lib/auth/session";

export const metadata = { title: "Your councils – Money Hub" };

export default async function StaffHomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const councils = await listStaffCouncils(user.userId);
  if (councils.length === 1 && !user.isPlatformOperator) redirect(`/${councils[0]!.slug}/staff`);
  return (
    <>
      <h1>Your councils</h1>
      {councils.length === 0 ? <p>You do not work for any council on Money Hub yet.</p> : null}
      <ul className="mb-8 list-none">
        {councils.map((c) => (
          <li key={c.slug} className="mb-3 text-lg">
            <Link href={`/${c.slug}/staff`}>{c.name}</Link>
          </li>
        ))}
      </ul>
      {user.isPlatformOperator ? (
        <p>
          <Link href="/platform">Platform: manage councils</Link>
        </p>
      ) : null}
    </>
  );
}
