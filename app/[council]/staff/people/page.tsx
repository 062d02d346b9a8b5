import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDateShort } from "@/lib/dates";
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
  const query = await readSearchParams(searchParams);
  const { council } = await requireCouncilPermission(slug, "people:manage");
  const [people, invitations, organisations] = await Promise.all([listCouncilPeople(council.id), listPendingInvitations(council.id), listOrganisations(council.id)]);
  const roleOptions = STAFF_ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const orgOptions = organisations.filter((o) => o.active).map((o) => ({ value: o.id, label: `${o.name} (${o.allowedEmailDomains.join(", ")})` }));
  return (
    <>
      <span className="govuk-caption-l">{council.name}</span>
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
      <Table
        caption="Staff and partners"
        rows={people}
        rowKey={(p) => p.userId}
        testId="people-table"
        columns={[
          {
            key: "name",
            header: "Name",
            cell: (p) => (
              <Link href={`/${slug}/staff/people/${p.userId}`} className="govuk-link">
                {p.name}
              </Link>
            ),
          },
          { key: "email", header: "Email", cell: (p) => <span className="break-all">{p.email}</span> },
          {
            key: "roles",
            header: "Roles",
            cell: (p) => (
              <>
                {p.roles.map((r) => ROLE_LABELS[r as TRole] ?? r).join(", ") || "—"}
                {p.organisation ? <span className="block text-govuk-secondary">{p.organisation}</span> : null}
              </>
            ),
          },
          { key: "status", header: "Status", cell: (p) => (p.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>) },
        ]}
      />
      {invitations.length ? (
        <Table
          caption="Invitations waiting to be accepted"
          rows={invitations}
          rowKey={(i) => i.id}
          columns={[
            { key: "email", header: "Email", cell: (i) => <span className="break-all">{i.email}</span> },
            { key: "role", header: "Role", cell: (i) => `${ROLE_LABELS[i.role as TRole]}${i.organisation ? ` – ${i.organisation.name}` : ""}` },
            { key: "expires", header: "Expires", nowrap: true, cell: (i) => formatDateShort(i.expiresAt) },
          ]}
        />
      ) : null}
      <div className="grid gap-10 md:grid-cols-2">
        <InviteStaffForm action={inviteStaffAction.bind(null, slug)} roles={roleOptions} />
        {orgOptions.length ? <InviteReferrerForm action={inviteReferrerAction.bind(null, slug)} organisations={orgOptions} /> : null}
      </div>
    </>
  );
}
