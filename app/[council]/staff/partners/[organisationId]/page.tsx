import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InviteMemberForm, ButtonForm } from "@/components/partners/member-forms";
import { MembersTable } from "@/components/partners/members-table";
import { BackLink, SuccessBanner, SummaryList } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { formatDateShort } from "@/lib/dates";
import { readSearchParams } from "@/lib/forms/text";
import {
  deactivateOrganisationAction,
  deactivateOrganisationMemberAction,
  makeLeadAction,
  reactivateOrganisationAction,
  reactivateOrganisationMemberAction,
  removeLeadAction,
} from "@/lib/partners/actions";
import { getPartnerOrganisation } from "@/lib/partners/queries";
import { inviteOrganisationMemberAction } from "@/lib/people/actions";

export const metadata = { title: "Partner organisation – Money Hub" };

export default async function PartnerOrganisationPage({
  params,
  searchParams,
}: {
  params: Promise<{ council: string; organisationId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { council: slug, organisationId } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "organisations:manage");
  const org = await getPartnerOrganisation(staffActor(access), organisationId);
  if (!org) notFound();
  const [t, ui] = await Promise.all([getTranslations("partnerAdmin"), getTranslations("staffUi")]);
  const ids = { organisationId: org.id };
  const hidden = (name: string) => <span className="govuk-visually-hidden"> {t("detail.forMember", { name })}</span>;
  const changed = org.members.find((m) => m.membershipId === query.member);
  const banner = query.created
    ? t("list.created", { name: org.name })
    : query.saved
      ? t("detail.saved")
      : query.invited
        ? t("detail.invited", { email: query.invited })
        : query.reactivated
          ? t("detail.reactivated", { name: org.name })
          : changed
            ? t("detail.memberSaved", { name: changed.name })
            : null;
  const contact = [org.contactName, org.contactEmail, org.contactPhone].filter(Boolean).join("\n");
  return (
    <>
      <BackLink href={`/${slug}/staff/partners`}>{t("form.back")}</BackLink>
      <SuccessBanner testId="partner-banner" title={ui("success")}>{banner}</SuccessBanner>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{org.name}</h1>
      {!org.active ? (
        <p className="govuk-inset-text" data-testid="organisation-deactivated">
          {t("detail.deactivatedBanner")}
        </p>
      ) : null}
      <h2 className="govuk-heading-m">{t("detail.details")}</h2>
      <SummaryList
        rows={[
          { key: t("detail.type"), value: t(`types.${org.type}`) },
          { key: t("detail.domains"), value: org.allowedEmailDomains.join("\n"), testId: "organisation-domains" },
          { key: t("detail.contact"), value: contact || t("detail.noContact") },
          { key: t("detail.status"), value: org.active ? <Tag colour="green">{t("status.active")}</Tag> : <Tag colour="grey">{t("status.deactivated")}</Tag> },
        ]}
      />
      <p>
        <Link href={`/${slug}/staff/partners/${org.id}/edit`} className="govuk-link">
          {t("detail.change")}
          <span className="govuk-visually-hidden"> {t("detail.changeHidden", { name: org.name })}</span>
        </Link>
      </p>

      <h2 className="govuk-heading-l">{t("detail.members")}</h2>
      {org.members.length ? (
        <MembersTable
          members={org.members}
          words={{
            caption: t("detail.membersCaption", { name: org.name }),
            name: t("detail.memberName"),
            email: t("detail.memberEmail"),
            training: t("detail.memberTraining"),
            lead: t("detail.memberRole"),
            status: t("detail.memberStatus"),
            actions: t("detail.memberActions"),
            isLead: t("detail.lead"),
            notLead: t("detail.notLead"),
            active: t("status.active"),
            deactivated: t("status.deactivated"),
            trainingText: (m) => (m.trainingExpiresOn ? t(`training.${m.training}`, { date: formatDateShort(m.trainingExpiresOn) }) : t("training.untrained")),
          }}
          actions={(m) => {
            const fields = { ...ids, membershipId: m.membershipId };
            return (
              <>
                <p className="mb-2">
                  <Link href={`/${slug}/staff/partners/${org.id}/members/${m.membershipId}/training`} className="govuk-link">
                    {t("detail.recordTraining")}
                    {hidden(m.name)}
                  </Link>
                </p>
                {m.active ? (
                  <ButtonForm action={(m.lead ? removeLeadAction : makeLeadAction).bind(null, slug)} fields={fields}>
                    {t(m.lead ? "detail.removeLead" : "detail.makeLead")}
                    {hidden(m.name)}
                  </ButtonForm>
                ) : null}
                <ButtonForm action={(m.active ? deactivateOrganisationMemberAction : reactivateOrganisationMemberAction).bind(null, slug)} fields={fields} variant={m.active ? "warning" : "secondary"}>
                  {t(m.active ? "detail.deactivateMember" : "detail.reactivateMember")}
                  {hidden(m.name)}
                </ButtonForm>
              </>
            );
          }}
        />
      ) : (
        <p>{t("detail.noMembers")}</p>
      )}
      {org.invitations.length ? (
        <Table
          caption={t("detail.invitations")}
          testId="invitations-table"
          rows={org.invitations}
          rowKey={(i) => i.id}
          columns={[
            { key: "name", header: t("detail.memberName"), cell: (i) => i.name },
            { key: "email", header: t("detail.memberEmail"), cell: (i) => <span className="break-all">{i.email}</span> },
            { key: "expires", header: t("detail.invitationExpires"), nowrap: true, cell: (i) => formatDateShort(i.expiresAt) },
          ]}
        />
      ) : null}
      <div className="md:w-2/3">
        {org.active ? (
          <InviteMemberForm
            action={inviteOrganisationMemberAction.bind(null, slug)}
            organisationId={org.id}
            words={{
              heading: t("detail.invite"),
              name: t("detail.inviteName"),
              email: t("detail.inviteEmail"),
              emailHint: t("detail.inviteEmailHint", { domains: org.allowedEmailDomains.map((d) => `@${d}`).join(" or ") }),
              button: t("detail.inviteButton"),
            }}
          />
        ) : (
          <p>{t("detail.inactiveNoInvite")}</p>
        )}
        <h2 className="govuk-heading-m">{t(org.active ? "detail.deactivateHeading" : "detail.reactivateHeading")}</h2>
        <p>{t(org.active ? "detail.deactivateText" : "detail.reactivateText")}</p>
        <ButtonForm action={(org.active ? deactivateOrganisationAction : reactivateOrganisationAction).bind(null, slug)} fields={ids} variant={org.active ? "warning" : "secondary"}>
          {t(org.active ? "detail.deactivateButton" : "detail.reactivateButton", { name: org.name })}
        </ButtonForm>
      </div>
    </>
  );
}
