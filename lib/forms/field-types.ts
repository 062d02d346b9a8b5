// The words and copy a form field is rendered with. Types only: lib/ builds them (from the
// message files) and components/ render them, so they live here, below both.

/** Words every field may show around its input. */
export type TFieldWords = { optional: string; errorPrefix: string };

/** One field's copy: its label, hint and the labels of its options. */
export type TFieldCopy = { name: string; label: string; hint?: string; options?: { value: string; label: string; hint?: string }[] };

/** The words an application page's form needs besides its fields' copy. */
export type TStepWords = TFieldWords & { continue: string; thereIsAProblem: string; or: string; day: string; month: string; year: string; pounds: string };
