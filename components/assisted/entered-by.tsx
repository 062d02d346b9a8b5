import { assistedWords } from "@/lib/assisted/pages";
import { format } from "@/lib/i18n";

/** On the approvals list: who entered an officer-assisted application, so approvers see why a small line waits (and that they may not approve their own). */
export function EnteredBy({ enteredById, enteredByName, you }: { enteredById: string | null; enteredByName: string | null; you: string }) {
  if (!enteredById) return null;
  const w = assistedWords.approvals;
  return (
    <>
      <br />
      <span className="text-govuk-secondary" data-testid="entered-by">
        {enteredById === you ? w.enteredByYou : format(w.enteredBy, { officer: enteredByName ?? "–" })}
      </span>
    </>
  );
}
