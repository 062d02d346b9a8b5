// The funders' categories and the two return layouts' vocabulary (docs/funder-returns.md).
// Pure data: the mapping form, the figures, the layouts and the tests read these lists, nowhere
// else. What each funder asks is in /work/shared/FACTS.md (Crisis and Resilience Fund MI return and
// delivery plan, Jan 2026; Household Support Fund HSF7 MI template, Mar 2025).

export const RETURN_LAYOUTS = ["CRF", "HSF"] as const;
export type TReturnLayout = (typeof RETURN_LAYOUTS)[number];

export const LAYOUT_NAMES: Record<TReturnLayout, string> = {
  CRF: "Crisis and Resilience Fund",
  HSF: "Household Support Fund (HSF7 layout)",
};

/**
 * Crisis and Resilience Fund strands (1 April 2026 – 31 March 2029). A Housing Payment is either
 * paid from the Housing Payment budget or topped up from the core fund: the return reports the
 * core fund's contribution apart, so those pots map to "crf-housing-core".
 */
export const CRF_CATEGORIES = [
  { id: "crf-crisis", label: "Crisis Payment" },
  { id: "crf-housing", label: "Housing Payment (Housing Payment budget)" },
  { id: "crf-housing-core", label: "Housing Payment (contribution from the core fund)" },
  { id: "crf-resilience", label: "Resilience Services" },
  { id: "crf-coordination", label: "Community Coordination" },
] as const;

/** Household Support Fund spend categories (HSF7 template, tab 2). */
export const HSF_CATEGORIES = [
  { id: "hsf-food", label: "Food" },
  { id: "hsf-energy", label: "Energy and water" },
  { id: "hsf-energy-essentials", label: "Essentials linked to energy and water" },
  { id: "hsf-wider", label: "Wider essentials" },
  { id: "hsf-housing", label: "Housing costs (exceptional)" },
  { id: "hsf-advice", label: "Advice" },
] as const;

export const CATEGORIES_OF: Record<TReturnLayout, readonly { id: string; label: string }[]> = { CRF: CRF_CATEGORIES, HSF: HSF_CATEGORIES };
export const ALL_CATEGORIES = [...CRF_CATEGORIES, ...HSF_CATEGORIES];
export type TFunderCategory = (typeof ALL_CATEGORIES)[number]["id"];

export function categoryLabel(id: string): string {
  return ALL_CATEGORIES.find((c) => c.id === id)?.label ?? id;
}

/**
 * What administration and evaluation spend (ledger kind ADMIN) is recorded against. The CRF
 * return splits admin into crisis, resilience and Community Coordination admin, Housing Payments
 * admin, and evaluation apart; the HSF return has one admin line. The database function checks
 * the same list (migration 20261206093307_funder_returns).
 */
export const ADMIN_COST_LINES = [
  { id: "crisis-admin", label: "Crisis, resilience and Community Coordination administration", layouts: ["CRF"] },
  { id: "housing-admin", label: "Housing Payments administration", layouts: ["CRF"] },
  { id: "evaluation", label: "Evaluation costs", layouts: ["CRF"] },
  { id: "admin", label: "Administration", layouts: ["HSF"] },
] as const;
export type TAdminCostLine = (typeof ADMIN_COST_LINES)[number]["id"];

export function isAdminCostLine(value: string): value is TAdminCostLine {
  return ADMIN_COST_LINES.some((l) => l.id === value);
}

/** The funder's household groups (HSF tab 4; the CRF breakdown too). */
export const HOUSEHOLD_GROUPS = [
  { id: "children", label: "Households with children" },
  { id: "pensioner", label: "Households with a pensioner" },
  { id: "disabled", label: "Households with a disabled person" },
  { id: "other", label: "Other households" },
] as const;
export type THouseholdGroup = (typeof HOUSEHOLD_GROUPS)[number]["id"];

/**
 * One group per household, so the groups add up to the households helped (the template's own
 * check): children first (a pregnancy counts), then a pensioner, then a disabled person, else other.
 * From the household types an award kept when it was decided (Award.householdTypes).
 */
export function householdGroupOf(householdTypes: readonly string[]): THouseholdGroup {
  if (householdTypes.includes("families-with-children") || householdTypes.includes("pregnancy")) return "children";
  if (householdTypes.includes("pension-age")) return "pensioner";
  if (householdTypes.includes("disability")) return "disabled";
  return "other";
}

/** The delivery plan's five lines of anticipated spend (CRF), and which actuals each compares with. */
export const PLAN_LINES = [
  { id: "crisis", label: "Crisis scheme", categories: ["crf-crisis"], admin: false },
  { id: "housing", label: "Housing Payments", categories: ["crf-housing", "crf-housing-core"], admin: false },
  { id: "resilience", label: "Resilience investment", categories: ["crf-resilience"], admin: false },
  { id: "coordination", label: "Community Coordination", categories: ["crf-coordination"], admin: false },
  { id: "admin", label: "Administration (including evaluation)", categories: [], admin: true },
] as const;
export type TPlanLine = (typeof PLAN_LINES)[number]["id"];
