import Link from "next/link";
import { BackLink } from "@/components/ui/layout-parts";
import { applyPath, guardJourneyPage } from "@/lib/applications/pages";
import { format } from "@/lib/i18n";

export default async function OutsideAreaPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  const { council, m, answers } = await guardJourneyPage(slug, "outside-area");
  const o = m.outside;
  const [before, after] = o.wrongPostcode.split("{link}");
  return (
    <div className="md:w-2/3">
      <title>{`${o.title} – Money Hub`}</title>
      <BackLink href={applyPath(slug, "postcode")}>{m.common.back}</BackLink>
      <h1>{o.title}</h1>
      <p>{format(o.body, { postcode: answers.postcode?.postcode ?? "", council: council.name })}</p>
      <h2 className="govuk-heading-m">{o.whoCanHelp}</h2>
      <p>{o.findCouncil}</p>
      <p>{o.citizensAdvice}</p>
      <p>
        {before}
        <Link href={applyPath(slug, "postcode", true)}>{o.wrongPostcodeLink}</Link>
        {after}
      </p>
    </div>
  );
}
