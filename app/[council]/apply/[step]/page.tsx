import { errorWords } from "@/lib/i18n";
import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StepForm } from "@/components/applications/step-form";
import { BackLink } from "@/components/ui/layout-parts";
import { saveStep } from "@/lib/intake/actions";
import { applyPath, backHref, guardJourneyPage, stepCopy, stepWords } from "@/lib/applications/pages";
import { isStepId } from "@/lib/applications/steps";

export default async function ApplyStepPage({ params, searchParams }: { params: Promise<{ council: string; step: string }>; searchParams: Promise<{ change?: string }> }) {
  const { council: slug, step } = await params;
  if (!isStepId(step)) notFound();
  const change = (await readSearchParams(searchParams)).change === "1";
  const ctx = await guardJourneyPage(slug, step);
  const copy = stepCopy(ctx, step);
  return (
    <div className="md:w-2/3">
      <BackLink href={backHref(ctx, step, change)}>{ctx.m.common.back}</BackLink>
      <StepForm
        key={step}
        stepId={step}
        action={saveStep.bind(null, slug, step, change)}
        values={ctx.draft?.answers[step] ?? {}}
        title={copy.title}
        intro={copy.intro}
        fields={copy.fields}
        oneQuestion={copy.oneQuestion}
        words={stepWords(ctx.m)}
        errorTexts={errorWords(ctx.m)}
      />
      {ctx.draft ? (
        <p>
          <Link href={applyPath(slug, "save")}>{ctx.m.common.saveAndReturn}</Link>
        </p>
      ) : null}
    </div>
  );
}
