// Pure rules for reading the audit trail: kinds of event to filter by, and who acted, in words.
import { recordedActorLabel } from "@/lib/actor";

export const AUDIT_KINDS = {
  applications: { label: "Applications", prefixes: ["application."] },
  "sign-ins": { label: "Sign-ins", prefixes: ["auth."] },
  refusals: { label: "Refused access", prefixes: ["authz."] },
  funds: { label: "Funds and exports", prefixes: ["funds."] },
  payments: { label: "Payments and bank details", prefixes: ["payments."] },
  people: { label: "Staff and partners", prefixes: ["people."] },
  platform: { label: "Council settings", prefixes: ["platform.", "settings."] },
} as const;

export type TAuditKind = keyof typeof AUDIT_KINDS;

export function isAuditKind(value: unknown): value is TAuditKind {
  return typeof value === "string" && Object.hasOwn(AUDIT_KINDS, value);
}

export function kindOf(action: string): TAuditKind | null {
  for (const [kind, { prefixes }] of Object.entries(AUDIT_KINDS)) if (prefixes.some((p) => action.startsWith(p))) return kind as TAuditKind;
  return null;
}

/**
 * Who acted, from the row's kind (lib/actor actorColumns): the person's email; a resident by their
 * application; nobody known ("Someone not signed in"); a job or an API client by its label
 * (lib/actor recordedActorLabel); "System" for the service itself when no job was named.
 */
export function describeActor(event: { actorKind: string; actorRef: string | null; actorEmail: string | null; action: string; metadata: unknown }): string {
  if (event.actorEmail) return event.actorEmail;
  const meta = (event.metadata && typeof event.metadata === "object" ? event.metadata : {}) as Record<string, unknown>;
  if (event.actorKind === "resident") return typeof meta.reference === "string" ? `Resident (application ${meta.reference})` : "Resident";
  if (event.actorKind === "anonymous") return "Someone not signed in";
  if (event.actorKind === "system" && !event.actorRef) return "System";
  return recordedActorLabel(event) ?? "System";
}
