import { NEEDS } from "@/lib/applications/steps";
import { ACCESS_ROUTES, ACCESS_ROUTE_LABELS, HOUSEHOLD_TYPES, HOUSEHOLD_TYPE_LABELS, NEED_LABELS } from "@/lib/funds/schemas";

/** Checkbox options for a pot's rules, in the order the form shows them. */
export const POT_RULE_OPTIONS = {
  needs: NEEDS.map((value) => ({ value, label: NEED_LABELS[value] })),
  householdTypes: HOUSEHOLD_TYPES.map((value) => ({ value, label: HOUSEHOLD_TYPE_LABELS[value] })),
  routes: ACCESS_ROUTES.map((value) => ({ value, label: ACCESS_ROUTE_LABELS[value] })),
};

/** "Food, Energy and water" or "Any" for an empty rule list. */
export function describeRule(values: string[], labels: Record<string, string>): string {
  return values.length ? values.map((v) => labels[v] ?? v).join(", ") : "Any";
}
