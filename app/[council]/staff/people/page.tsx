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
import { staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const [t, ui] = await Promise.all([getTranslations("people"), getTranslations("staffUi")]);
  return { title: ui("title", { title: t("title") }) };
}

export default async function PeoplePage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const { council } = await requireCouncilPermission(slug, "people:manage");
  const [people, invitations, organisations] = await Promise.all([listCouncilPeople(council.id), listPendingInvitations(council.id), listOrganisations(council.id)]);
  const [t, ui] = await Promise.all([getTranslations("people"), getTranslations("staffUi")]);
  const { people: words } = staffMessages();
  const roleOptions = STAFF_ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const orgOptions = organisations.filter((o) => o.active).map((o) => ({ value: o.id, label: t("organisationOption", { name: o.name, domains: o.allowedEmailDomains.join(", ") }) }));
  return (
    <>
      <span className="govuk-caption-l">{council.name}</span>
      <h1>{t("title")}</h1>
      {query.invited ? (
        <NotificationBanner success title={ui("success")}>
          <p className="mb-0 font-bold">{t("invited", { email: query.invited })}</p>
        </NotificationBanner>
      ) : null}
      {query.deactivated ? (
        <NotificationBanner success title={ui("success")}>
          <p className="mb-0 font-bold">{t("deactivated")}</p>
        </NotificationBanner>
      ) : null}
      {query.changed ? (
        <NotificationBanner success title={ui("success")}>
          <p className="mb-0 font-bold">{t("changed")}</p>
        </NotificationBanner>
      ) : null}
      <Table
        caption={t("caption")}
        rows={people}
        rowKey={(p) => p.userId}
        testId="people-table"
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (p) => (
              <Link href={`/${slug}/staff/people/${p.userId}`} className="govuk-link">
                {p.name}
              </Link>
            ),
          },
          { key: "email", header: t("columns.email"), cell: (p) => <span className="break-all">{p.email}</span> },
          {
            key: "roles",
            header: t("columns.roles"),
            cell: (p) => (
              <>
                {p.roles.map((r) => ROLE_LABELS[r as TRole] ?? r).join(", ") || "—"}
                {p.organisation ? <span className="block text-govuk-secondary">{p.organisation}</span> : null}
              </>
            ),
          },
          { key: "status", header: t("columns.status"), cell: (p) => (p.active ? <Tag colour="green">{t("active")}</Tag> : <Tag colour="grey">{t("deactivatedTag")}</Tag>) },
        ]}
      />
      {invitations.length ? (
        <Table
          caption={t("invitations.caption")}
          rows={invitations}
          rowKey={(i) => i.id}
          columns={[
            { key: "email", header: t("invitations.columns.email"), cell: (i) => <span className="break-all">{i.email}</span> },
            { key: "role", header: t("invitations.columns.role"), cell: (i) => (i.organisation ? t("invitations.roleWithOrganisation", { role: ROLE_LABELS[i.role as TRole], organisation: i.organisation.name }) : ROLE_LABELS[i.role as TRole]) },
            { key: "expires", header: t("invitations.columns.expires"), nowrap: true, cell: (i) => formatDateShort(i.expiresAt) },
          ]}
        />
      ) : null}
      <div className="grid gap-10 md:grid-cols-2">
        <InviteStaffForm action={inviteStaffAction.bind(null, slug)} roles={roleOptions} words={words.inviteStaff} />
        {orgOptions.length ? <InviteReferrerForm action={inviteReferrerAction.bind(null, slug)} organisations={orgOptions} words={words.inviteReferrer} /> : null}
      </div>
    </>
  );
}
