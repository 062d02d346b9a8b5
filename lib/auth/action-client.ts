import "server-only";
import { personActor } from "@/lib/actor";
import type { z } from "zod";
import { getCouncilAccess, type TCouncilAccess } from "@/lib/auth/access";
import type { Permission } from "@/lib/auth/permissions";
import { getSessionUser, type TSessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record-audit";
import { withUser } from "@/lib/db/tenant-scope";
import { echoValues, formDataToObject, formError, inFormOrder, zodFieldErrorsIn, type TFormState } from "@/lib/forms/form-state";
import { messagesFor } from "@/lib/i18n/catalogues";
import { assertSameOrigin, clientIp } from "@/lib/security/request";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";

// One action client per audience. Each one, before the action body runs: refuses a foreign or
// missing Origin, authenticates, resolves the council from the URL (never from a form field),
// checks the permission, and validates the input with a strict Zod schema. Refusals are audited.

type FormAction = (councilSlug: string, prev: TFormState, formData: FormData) => Promise<TFormState>;
type Schema = z.ZodType<unknown, Record<string, unknown>>;

const NOT_ALLOWED = "You do not have permission to do that. If you think you should, ask your council admin.";

function parseForm<S extends Schema>(schema: S, formData: FormData): { ok: true; data: z.output<S>; raw: Record<string, string> } | { ok: false; state: TFormState } {
  const raw = formDataToObject(formData);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    // Schemas speak in message keys (messages/en/staff.json errors); staff pages are English-only today.
    return { ok: false, state: { errors: inFormOrder(zodFieldErrorsIn(messagesFor("en"), parsed.error), Object.keys(raw)), values: echoValues(raw) } };
  }
  return { ok: true, data: parsed.data, raw };
}

async function auditRefusal(user: TSessionUser | null, tenantId: string | null, what: string) {
  await withUser(user?.userId ?? null, (tx) =>
    recordAudit(tx, {
      tenantId: null,
      actor: user ? personActor(user) : null,
      action: "authz.refused",
      entityType: "Action",
      summary: `Refused ${what}${tenantId ? ` in council ${tenantId}` : ""}`,
      metadata: { tenantId },
    }),
  );
}

/** Staff and referrers acting inside one council, with one permission. */
export function councilAction<S extends Schema>(
  config: { permission: Permission; schema: S; name: string },
  body: (ctx: TCouncilAccess & { ip: string | null }, input: z.output<S>, raw: Record<string, string>) => Promise<TFormState>,
): FormAction {
  return async (councilSlug, _prev, formData) => {
    await assertSameOrigin();
    const access = await getCouncilAccess(councilSlug);
    if (access === "no-council" || access === null) return formError("Your session has ended. Sign in again to continue.");
    if (!access.permissions.has(config.permission)) {
      await auditRefusal(access.user, access.council.id, config.name);
      return formError(NOT_ALLOWED);
    }
    const parsed = parseForm(config.schema, formData);
    if (!parsed.ok) return parsed.state;
    return body({ ...access, ip: await clientIp() }, parsed.data, parsed.raw);
  };
}

/** Council staff (officers, approvers, managers, admins). */
export function staffAction<S extends Schema>(
  config: { permission: Permission; schema: S; name: string },
  body: Parameters<typeof councilAction<S>>[1],
): FormAction {
  if (config.permission.startsWith("referrals:")) throw new Error(`${config.name}: staff actions cannot use referrer permissions`);
  return councilAction(config, body);
}

/** Trusted referrers, acting for their own partner organisation. */
export function referrerAction<S extends Schema>(
  config: { permission: Permission; schema: S; name: string },
  body: (ctx: TCouncilAccess & { ip: string | null; organisationId: string }, input: z.output<S>, raw: Record<string, string>) => Promise<TFormState>,
): FormAction {
  return councilAction(config, (ctx, input, raw) => {
    if (!ctx.roles.includes("REFERRER") || !ctx.organisationId) return Promise.resolve(formError(NOT_ALLOWED));
    return body({ ...ctx, organisationId: ctx.organisationId }, input, raw);
  });
}

/** Platform operators: adding councils and their first admins. */
export function platformAction<S extends Schema>(
  config: { schema: S; name: string },
  body: (ctx: { user: TSessionUser; ip: string | null }, input: z.output<S>, raw: Record<string, string>) => Promise<TFormState>,
): (prev: TFormState, formData: FormData) => Promise<TFormState> {
  return async (_prev, formData) => {
    await assertSameOrigin();
    const user = await getSessionUser();
    if (!user) return formError("Your session has ended. Sign in again to continue.");
    if (!user.isPlatformOperator) {
      await auditRefusal(user, null, config.name);
      return formError(NOT_ALLOWED);
    }
    const parsed = parseForm(config.schema, formData);
    if (!parsed.ok) return parsed.state;
    return body({ user, ip: await clientIp() }, parsed.data, parsed.raw);
  };
}

/** Residents and anyone signed out: the council comes from the URL; no session needed. */
export function publicAction<S extends Schema>(
  config: { schema: S; name: string },
  body: (ctx: { council: TCouncil; ip: string | null }, input: z.output<S>, raw: Record<string, string>) => Promise<TFormState>,
): FormAction {
  return async (councilSlug, _prev, formData) => {
    await assertSameOrigin();
    const council = await findCouncilBySlug(councilSlug);
    if (!council) return formError("This council does not use Money Hub.");
    const parsed = parseForm(config.schema, formData);
    if (!parsed.ok) return parsed.state;
    return body({ council, ip: await clientIp() }, parsed.data, parsed.raw);
  };
}

/** Signed-out forms that are not tied to a council (staff sign-in). */
export function anonymousAction<S extends Schema>(
  config: { schema: S; name: string },
  body: (ctx: { ip: string | null }, input: z.output<S>, raw: Record<string, string>) => Promise<TFormState>,
): (prev: TFormState, formData: FormData) => Promise<TFormState> {
  return async (_prev, formData) => {
    await assertSameOrigin();
    const parsed = parseForm(config.schema, formData);
    if (!parsed.ok) return parsed.state;
    return body({ ip: await clientIp() }, parsed.data, parsed.raw);
  };
}

