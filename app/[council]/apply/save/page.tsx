import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ResumeLinkForm } from "@/components/applications/resume-link-form";
import { BackLink } from "@/components/ui/layout-parts";
import { requestResumeLinkAction } from "@/lib/applications/actions";
import { displayUkMobile } from "@/lib/applications/formats";
import { firstIncomplete } from "@/lib/applications/journey";
import { applyPath, loadApplyContext } from "@/lib/applications/pages";

export default async function SaveAndReturnPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ sent?: string }> }) {
  const { council: slug } = await params;
  const { m, draft, answers, journey } = await loadApplyContext(slug);
  if (!draft || draft.submittedAt) redirect(`/${slug}/apply`);
  const s = m.save;
  const resumeAt = applyPath(slug, firstIncomplete(answers, journey));
  if ((await readSearchParams(searchParams)).sent === "1") {
    return (
      <div className="md:w-2/3">
        <title>{`${s.sentTitle} – Money Hub`}</title>
        <h1>{s.sentTitle}</h1>
        <p>{s.sentBody}</p>
        <p>
          <Link href={resumeAt}>{s.backToApplication}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="md:w-2/3">
      <BackLink href={resumeAt}>{m.common.back}</BackLink>
      <ResumeLinkForm
        action={requestResumeLinkAction.bind(null, slug)}
        defaults={{
          channel: answers.contact?.email ? "email" : answers.contact?.mobile ? "sms" : "",
          email: answers.contact?.email ?? "",
          mobile: answers.contact?.mobile ? displayUkMobile(answers.contact.mobile) : "",
        }}
        words={{
          title: s.title,
          intro: s.intro,
          channel: s.fields.channel.label,
          email: s.fields.channel.options.email,
          sms: s.fields.channel.options.sms,
          emailLabel: s.fields.email.label,
          mobileLabel: s.fields.mobile.label,
          mobileHint: s.fields.mobile.hint,
          submit: s.submit,
          thereIsAProblem: m.common.thereIsAProblem,
          errorPrefix: m.common.errorPrefix,
          optional: m.common.optional,
        }}
      />
    </div>
  );
}
