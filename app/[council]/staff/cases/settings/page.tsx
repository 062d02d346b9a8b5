import { staffActor } from "@/lib/actor";
import { readSearchParams } from "@/lib/forms/text";
import { CaseworkSettingsForm } from "@/components/cases/casework-settings-form";
import { SuccessBanner } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { PRIORITY_REASONS } from "@/lib/triage/priority";
import { readCaseworkSettings } from "@/lib/cases/read-settings";
import { updateCaseworkSettingsAction } from "@/lib/cases/settings-actions";
import { errorWords, format } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { penceToPoundsText } from "@/lib/money";
import { getTranslations } from "next-intl/server";

const m = messagesFor("en");
const en = errorWords(m);

export default async function CaseworkSettingsPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "settings:manage");
  const settings = (await readCaseworkSettings(staffActor(access)))!;
  const count = Number(query.count ?? 0);
  const [t, ui] = await Promise.all([getTranslations("settings"), getTranslations("staffUi")]);
  const banner =
    query.saved === "rescored"
      ? format(en["settings.savedRescored"]!, { count: Number.isSafeInteger(count) ? count.toLocaleString("en-GB") : "0" })
      : query.saved === "yes"
        ? en["settings.saved"]
        : query.saved === "unchanged"
          ? en["settings.unchanged"]
          : null;
  const defaults: Record<string, string> = {
    ...Object.fromEntries(PRIORITY_REASONS.map((r) => [`weight-${r}`, String(settings.priority.weights[r])])),
    urgentFrom: String(settings.priority.urgentFrom),
    slaUrgentDays: String(settings.sla.urgentWorkingDays),
    slaStandardDays: String(settings.sla.standardWorkingDays),
    officerLimit: penceToPoundsText(settings.officerLimitPence),
  };
  return (
    <div className="md:w-3/4">
      <SuccessBanner testId="settings-banner" title={ui("success")}>{banner}</SuccessBanner>
      <CaseworkSettingsForm
        caption={access.council.name}
        action={updateCaseworkSettingsAction.bind(null, slug)}
        title={t("title")}
        words={m.settings.form}
        factors={PRIORITY_REASONS.map((r) => ({ name: r, label: m.casework.priorityReasons[r] }))}
        defaults={defaults}
        codes={settings.allReasonCodes.map((c) => ({ code: c.code, label: c.label, decision: c.decision, retired: Boolean(c.retired) }))}
      />
    </div>
  );
}
