import { notFound } from "next/navigation";
import { StatusForm } from "@/components/applications/status-form";
import { checkStatus } from "@/lib/intake/actions";
import { getMessages } from "@/lib/i18n/server";
import { findCouncilBySlug } from "@/lib/tenancy/queries";

export default async function StatusPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const council = await findCouncilBySlug(slug);
  if (!council) notFound();
  const { m } = await getMessages(council);
  const s = m.status;
  return (
    <div className="md:w-2/3">
      <StatusForm
        action={checkStatus.bind(null, slug)}
        againHref={`/${slug}/status`}
        words={{
          title: s.title,
          intro: s.intro,
          reference: s.fields.reference.label,
          referenceHint: s.fields.reference.hint.replace("HKW", council.settings.referencePrefix),
          dateOfBirth: s.fields.dateOfBirth.label,
          dateOfBirthHint: s.fields.dateOfBirth.hint,
          day: m.common.day,
          month: m.common.month,
          year: m.common.year,
          submit: s.submit,
          thereIsAProblem: m.common.thereIsAProblem,
          errorPrefix: m.common.errorPrefix,
          optional: m.common.optional,
          resultHeading: s.resultHeading,
          checkAnother: s.checkAnother,
          statuses: s.statuses,
          partly: s.partly,
          dealtWithUnder: m.duplicateNotice.status,
          moreInfo: s.moreInfo,
          paymentFailed: s.paymentFailed,
        }}
      />
    </div>
  );
}
