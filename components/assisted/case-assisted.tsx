import type { TStaffActor } from "@/lib/actor";
import { assistedFactsOfCase } from "@/lib/assisted/drafts";
import { assistedWords } from "@/lib/assisted/pages";
import { formatDateTimeShort } from "@/lib/dates";
import { format } from "@/lib/i18n";

/** On the case page's header: "Entered by <officer> by phone, consent witnessed <when>" for an officer-assisted application; nothing otherwise. */
export async function CaseAssisted({ council, actor, caseId }: { council: { id: string }; actor: TStaffActor; caseId: string }) {
  const facts = await assistedFactsOfCase(council, actor, caseId);
  if (!facts) return null;
  const w = assistedWords.caseLine;
  return (
    <p className="govuk-body" data-testid="case-entered-by">
      {format(w.entered, { officer: facts.enteredByName, channel: w.channels[facts.channel], at: formatDateTimeShort(facts.witnessedAt) })}
    </p>
  );
}
