import Link from "next/link";
import { loadApplyContext } from "@/lib/applications/pages";

export default async function ResumeLinkProblemPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { m } = await loadApplyContext(slug);
  return (
    <div className="md:w-2/3">
      <title>{`${m.resume.problemTitle} – Money Hub`}</title>
      <h1>{m.resume.problemTitle}</h1>
      <p>{m.resume.problemBody}</p>
      <p>
        <Link href={`/${slug}/apply`}>{m.resume.startAgain}</Link>
      </p>
    </div>
  );
}
