import "server-only";
import { can } from "@/lib/auth/permissions";
import { readPersonHistory } from "@/lib/cases/person-history";
import { readCaseFile } from "@/lib/cases/read-case-file";
import { loadCaseworkSettings } from "@/lib/cases/settings";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type TCaseMessage = { id: string; template: string; channel: string; to: string; status: string; createdAt: Date; sentAt: Date | null; failedAt: Date | null; failureReason: string | null };
export type TCaseLedgerMovement = { id: string; kind: string; amountPence: bigint; potName: string | null; createdAt: Date; actorUserId: string | null };

/**
 * Everything the case page shows: the case file (its reading audited, lib/cases/read-case-file.ts),
 * the person's history, the messages sent to the resident about this application (the outbox,
 * by reference), the ledger movements of its awards, the names of everyone on its timeline, and
 * the council's reason codes and approval limit. Null for another council's case id, or a role
 * without cases:read.
 */
export async function loadCasePage(actor: TCaseActor, caseId: string, ip: string | null) {
  if (!can(actor.roles, "cases:read")) return null;
  const file = await readCaseFile(actor, caseId, ip);
  if (!file) return null;
  const history = (await readPersonHistory(actor, caseId)) ?? [];
  const side = await withTenantSql(
    actor.council.id,
    async (sql) => {
      const messages = await sql.rows<TCaseMessage>(
        `select id, template, channel, "to", status, "createdAt", "sentAt", "failedAt", "failureReason" from "OutboundMessage"
         where "tenantId" = $1::uuid and reference = $2 order by "createdAt" desc, id desc limit 50`,
        [actor.council.id, file.reference],
      );
      const keys = file.awards.flatMap((a) => [`award:${a.id}:commit`, `award:${a.id}:release`]);
      const ledger = keys.length
        ? (
            await sql.rows<Omit<TCaseLedgerMovement, "amountPence"> & { amountPence: string }>(
              `select t.id, t.kind, t."amountPence"::text as "amountPence", p.name as "potName", t."createdAt", t."actorUserId"
               from "LedgerTransaction" t left join "Pot" p on p.id = t."potId" where t."tenantId" = $1::uuid and t."idempotencyKey" = any($2::text[])`,
              [actor.council.id, `{${keys.join(",")}}`],
            )
          ).map((t) => ({ ...t, amountPence: BigInt(t.amountPence) }))
        : [];
      const ids = new Set<string>();
      for (const e of file.events) {
        if (e.actorUserId) ids.add(e.actorUserId);
        const data = e.data as Record<string, unknown> | null;
        if (typeof data?.assignedToId === "string") ids.add(data.assignedToId);
      }
      for (const m of file.amendments) ids.add(m.actorUserId);
      for (const a of file.awards) {
        ids.add(a.proposedById);
        if (a.approvedById) ids.add(a.approvedById);
      }
      if (file.decidedById) ids.add(file.decidedById);
      const users = ids.size ? await sql.rows<{ id: string; name: string }>(`select id, name from "User" where id = any($1::uuid[])`, [`{${[...ids].join(",")}}`]) : [];
      const settings = await loadCaseworkSettings(sql, actor.council.id);
      return { messages, ledger, names: new Map(users.map((u) => [u.id, u.name])), settings };
    },
    actor.user.userId,
  );
  return { file, history, ...side };
}
export type TCasePage = NonNullable<Awaited<ReturnType<typeof loadCasePage>>>;
