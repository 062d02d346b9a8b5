import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/dates";
import { ChangeRolesForm, DeactivateForm } from "@/components/people/member-forms";
import { BackLink, SummaryList } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { changeRolesAction, deactivateAction } from "@/lib/people/actions";
import { listCouncilPeople } from "@/lib/people/queries";
import { STAFF_ROLE_VALUES } from "@/lib/people/schemas";
import { staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const [t, ui] = await Promise.all([getTranslations("people.person"), getTranslations("staffUi")]);
  return { title: ui("title", { title: t("title") }) };
}

export default async function PersonPage({ params }: { params: Promise<{ council: string; userId: string }> }) {
  const { council: slug, userId } = await params;
  const access = await requireCouncilPermission(slug, "people:manage");
  const person = (await listCouncilPeople(access.council.id)).find((p) => p.userId === userId);
  if (!person) notFound();
  const isReferrer = person.roles.includes("REFERRER");
  const [t, tp] = await Promise.all([getTranslations("people.person"), getTranslations("people")]);
  const { people: words } = staffMessages();
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/people`}>{t("back")}</BackLink>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{person.name}</h1>
      <SummaryList
        rows={[
          { key: t("rows.email"), value: person.email },
          { key: t("rows.roles"), value: person.roles.map((r) => ROLE_LABELS[r as TRole] ?? r).join(", ") || t("noRoles") },
          ...(person.organisation ? [{ key: t("rows.organisation"), value: person.organisation }] : []),
          { key: t("rows.status"), value: person.active ? tp("active") : tp("deactivatedTag") },
          { key: t("rows.lastSignIn"), value: person.lastSignInAt ? formatDateTime(person.lastSignInAt) : t("never") },
        ]}
      />
      {!isReferrer ? (
        <ChangeRolesForm
          action={changeRolesAction.bind(null, slug)}
          userId={person.userId}
          current={person.roles}
          roles={STAFF_ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          words={words.roles}
        />
      ) : null}
      {person.active && person.userId !== access.user.userId ? <DeactivateForm action={deactivateAction.bind(null, slug)} userId={person.userId} name={person.name} words={words.deactivate} /> : null}
    </div>
  );
}
