import Link from "next/link";
import { InviteReferrerForm, InviteStaffForm } from "@/components/people/invite-staff-form";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { inviteReferrerAction, inviteStaffAction } from "@/lib/people/actions";
import { listCouncilPeople, listOrganisations, listPendingInvitations } from "@/lib/people/queries";
import { STAFF_ROLE_VALUES } from "@/lib/people/schemas";

export const metadata = { title: "People – Money Hub" };

export default async function PeoplePage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug } = await params;
  const query = await searchParams;
  const { council } = await requireCouncilPermission(slug, "people:manage");
  const [people, invitations, organisations] = await Promise.all([listCouncilPeople(council.id), listPendingInvitations(council.id), listOrganisations(council.id)]);
  const roleOptions = STAFF_ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const orgOptions = organisations.filter((o) => o.active).map((o) => ({ value: o.id, label: `${o.name} (${o.allowedEmailDomains.join(", ")})` }));
  return (
    <>
      <span className="govuk-caption">{council.name}</span>
      <h1>People</h1>
      {query.invited ? (
        <NotificationBanner success title="Success">
          <p className="mb-0 font-bold">Invitation sent to {query.invited}</p>
        </NotificationBanner>
      ) : null}
      {query.deactivated ? (
        <NotificationBanner success title="Success">
          <p className="mb-0 font-bold">Access removed. Their sessions have ended.</p>
        </NotificationBanner>
      ) : null}
      {query.changed ? (
        <NotificationBanner success title="Success">
          <p className="mb-0 font-bold">Roles saved.</p>
        </NotificationBanner>
      ) : null}
      <table className="govuk-table">
        <caption className="mb-4 text-left text-xl font-bold">Staff and partners</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.userId}>
              <td>
                <Link href={`/${slug}/staff/people/${p.userId}`}>{p.name}</Link>
              </td>
              <td className="break-all">{p.email}</td>
              <td>
                {p.roles.map((r) => ROLE_LABELS[r as TRole] ?? r).join(", ") || "—"}
                {p.organisation ? <span className="block text-govuk-secondary">{p.organisation}</span> : null}
              </td>
              <td>{p.active ? <strong className="govuk-tag govuk-tag-green">Active</strong> : <strong className="govuk-tag govuk-tag-grey">Deactivated</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {invitations.length ? (
        <table className="govuk-table">
          <caption className="mb-4 text-left text-xl font-bold">Invitations waiting to be accepted</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td className="break-all">{i.email}</td>
                <td>
                  {ROLE_LABELS[i.role as TRole]}
                  {i.organisation ? ` – ${i.organisation.name}` : ""}
                </td>
                <td>{i.expiresAt.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="grid gap-10 md:grid-cols-2">
        <InviteStaffForm action={inviteStaffAction.bind(null, slug)} roles={roleOptions} />
        {orgOptions.length ? <InviteReferrerForm action={inviteReferrerAction.bind(null, slug)} organisations={orgOptions} /> : null}
      </div>
    </>
  );
}
