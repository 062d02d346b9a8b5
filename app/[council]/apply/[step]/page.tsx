import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplicationStepPage } from "@/components/applications/step-pages";
import { BackLink } from "@/components/ui/layout-parts";
import { readSearchParams } from "@/lib/forms/text";
import { saveStep } from "@/lib/intake/actions";
import { applyPath, backHref, guardJourneyPage } from "@/lib/applications/pages";
import { isStepId } from "@/lib/applications/steps";

export default async function ApplyStepPage({ params, searchParams }: { params: Promise<{ council: string; step: string }>; searchParams: Promise<{ change?: string }> }) {
  const { council: slug, step } = await params;
  if (!isStepId(step)) notFound();
  const change = (await readSearchParams(searchParams)).change === "1";
  const ctx = await guardJourneyPage(slug, step);
  return (
    <ApplicationStepPage
      ctx={ctx}
      step={step}
      action={saveStep.bind(null, slug, step, change)}
      back={<BackLink href={backHref(ctx, step, change)}>{ctx.m.common.back}</BackLink>}
      after={
        ctx.draft ? (
          <p>
            <Link href={applyPath(slug, "save")}>{ctx.m.common.saveAndReturn}</Link>
          </p>
        ) : null
      }
    />
  );
}
