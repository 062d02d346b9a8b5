import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/dates";
import { ChangeRolesForm, DeactivateForm } from "@/components/people/member-forms";
import { BackLink, SummaryList } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { changeRolesAction, deactivateAction } from "@/lib/people/actions";
import { listCouncilPeople } from "@/lib/people/queries";
import { STAFF_ROLE_VALUES } from "@/lib/people/schemas";

export const metadata = { title: "Person – Money Hub" };

export default async function PersonPage({ params }: { params: Promise<{ council: string; userId: string }> }) {
  const { council: slug, userId } = await params;
  const access = await requireCouncilPermission(slug, "people:manage");
  const person = (await listCouncilPeople(access.council.id)).find((p) => p.userId === userId);
  if (!person) notFound();
  const isReferrer = person.roles.includes("REFERRER");
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/people`}>Back to people</BackLink>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{person.name}</h1>
      <SummaryList
        rows={[
          { key: "Email", value: person.email },
          { key: "Roles", value: person.roles.map((r) => ROLE_LABELS[r as TRole] ?? r).join(", ") || "None" },
          ...(person.organisation ? [{ key: "Organisation", value: person.organisation }] : []),
          { key: "Status", value: person.active ? "Active" : "Deactivated" },
          { key: "Last signed in", value: person.lastSignInAt ? formatDateTime(person.lastSignInAt) : "Never" },
        ]}
      />
      {!isReferrer ? (
        <ChangeRolesForm
          action={changeRolesAction.bind(null, slug)}
          userId={person.userId}
          current={person.roles}
          roles={STAFF_ROLE_VALUES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
      ) : null}
      {person.active && person.userId !== access.user.userId ? <DeactivateForm action={deactivateAction.bind(null, slug)} userId={person.userId} name={person.name} /> : null}
    </div>
  );
}
