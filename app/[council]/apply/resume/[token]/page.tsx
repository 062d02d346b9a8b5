import { spendResumeLinkAction } from "@/lib/intake/actions";
import { loadApplyContext } from "@/lib/applications/pages";

// Opening the link only shows a button: mail scanners that fetch links must not spend it.
export default async function ResumePage({ params }: { params: Promise<{ council: string; token: string }> }) {
  const { council: slug, token } = await params;
  const { m } = await loadApplyContext(slug);
  return (
    <div className="md:w-2/3">
      <title>{`${m.resume.title} – Money Hub`}</title>
      <h1>{m.resume.title}</h1>
      <p>{m.resume.body}</p>
      <form action={spendResumeLinkAction.bind(null, slug, token)}>
        <button type="submit" className="govuk-button">
          {m.common.continue}
        </button>
      </form>
    </div>
  );
}
