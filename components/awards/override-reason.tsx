import { TextArea } from "@/components/ui/fields";
import type { TFieldError } from "@/lib/forms/form-state";
import { format } from "@/lib/i18n";

// The decision form's override of a pot's policy rules (docs/eligibility.md): the pots that are
// not eligible only for rules an officer may override sit in their own option group, and each
// award line has a reason box. The box shows once such a pot is chosen (CSS :has, no JavaScript);
// with an error on the line or a reason already typed it always shows. The server checks the reason.

export type TOverrideChoices = {
  pots: { value: string; label: string }[];
  /** messages/en/eligibility.json `form`. */
  words: { notEligibleGroup: string; overrideLabel: string; overrideHint: string };
};

export function overrideGroups(choices: TOverrideChoices | undefined) {
  if (!choices?.pots.length) return [];
  return [{ label: choices.words.notEligibleGroup, options: choices.pots.map((p) => ({ ...p, data: { "data-override": "" } })) }];
}

export function OverrideReason({ n, choices, errors, value }: { n: number; choices: TOverrideChoices; errors: TFieldError[]; value: string | undefined }) {
  if (!choices.pots.length) return null;
  const name = `line-${n}-override`;
  // Shown too after any refusal of the line (its need, count or largest award may be overridden as well).
  const shown = !!value || errors.some((e) => e.field.startsWith(`line-${n}-`));
  return (
    <div className={shown ? "" : "hidden group-has-[option[data-override]:checked]:block"} data-testid={`override-${n}`}>
      <TextArea name={name} label={format(choices.words.overrideLabel, { n })} hint={choices.words.overrideHint} rows={3} errors={errors} defaultValue={value} />
    </div>
  );
}
