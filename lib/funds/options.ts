import { messagesFor } from "@/lib/i18n/catalogues";
import { ACCESS_ROUTES, HOUSEHOLD_TYPES, NEEDS } from "@/lib/vocabulary";

// Staff pages are in English: the vocabulary's English labels.
const words = messagesFor("en").vocabulary;

/** Checkbox options for a pot's rules, in the order the form shows them. */
export const POT_RULE_OPTIONS = {
  needs: NEEDS.map((value) => ({ value, label: words.needs[value] })),
  householdTypes: HOUSEHOLD_TYPES.map((value) => ({ value, label: words.householdTypes[value] })),
  routes: ACCESS_ROUTES.map((value) => ({ value, label: words.accessRoutes[value] })),
};

/** A pot rule's labels: "Food, Energy and water", or "Any" for an empty rule list. */
export function describeRule(list: "needs" | "householdTypes" | "accessRoutes", values: string[]): string {
  const labels: Record<string, string> = words[list];
  return values.length ? values.map((v) => labels[v] ?? v).join(", ") : "Any";
}
