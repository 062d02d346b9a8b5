import "server-only";
import { can } from "@/lib/auth/permissions";
import { samePersonReasons, type TMatchReason, type TPersonKeys } from "@/lib/cases/same-person";
import type { TCaseActor } from "@/lib/cases/transition";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";

export type THistoryEntry = {
  applicationId: string;
  caseId: string | null;
  reference: string;
  channel: string;
  submittedAt: Date;
  caseStatus: string | null;
  matchedOn: TMatchReason[];
  awards: { needCategory: string; amountPence: bigint; status: string; potName: string }[];
};

/**
 * The person's earlier (and later) applications to this council, in any channel and fund, with
 * their cases and awards: the same date of birth and the same name, email or phone
 * (lib/cases/same-person.ts). The database narrows by date of birth (indexed); the rule decides.
 * Another council's applications are invisible (row-level security).
 */
export async function readPersonHistory(actor: TCaseActor, caseId: string): Promise<THistoryEntry[] | null> {
  if (!can(actor.roles, "cases:read") || !/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  return withTenantSql(actor.council.id, (sql) => personHistoryIn(sql, caseId), actor.user.userId);
}

type TCandidate = TPersonKeys & { applicationId: string; caseId: string | null; reference: string; channel: string; submittedAt: Date; caseStatus: string | null; caseName: string | null };

/**
 * The case's person (their date of birth) and the council's other applications that are the same
 * person (lib/cases/same-person.ts), with why. Used by the history and by the award checks
 * (lib/awards/award-checks.ts: a household's earlier awards), so both mean the same person. The
 * history shows the latest 200; the award checks read them all (limit null).
 */
export async function samePersonIn(sql: TSql, caseId: string, { limit = 200 }: { limit?: number | null } = {}): Promise<{ dateOfBirth: string; matched: { c: TCandidate; matchedOn: TMatchReason[] }[] } | null> {
  const [me] = await sql.rows<TPersonKeys & { applicationId: string; originalName: string }>(
    `select a.id as "applicationId", to_char(a."dateOfBirth", 'YYYY-MM-DD') as "dateOfBirth", c."fullName", a."fullName" as "originalName", a.email, a.mobile
     from "Case" c join "Application" a on a.id = c."applicationId" where c.id = $1::uuid`,
    [caseId],
  );
  if (!me) return null;
  const candidates = await sql.rows<TCandidate>(
    `select a.id as "applicationId", c.id as "caseId", a.reference, a.channel, a."submittedAt", c.status as "caseStatus",
            to_char(a."dateOfBirth", 'YYYY-MM-DD') as "dateOfBirth", a."fullName", c."fullName" as "caseName", a.email, a.mobile
     from "Application" a left join "Case" c on c."applicationId" = a.id
     where a."dateOfBirth" = $1::date and a.id <> $2::uuid
     order by a."submittedAt" desc limit $3`,
    [me.dateOfBirth, me.applicationId, limit],
  );
  const matched = candidates
    .map((c) => {
      // A name as sent or as corrected on either case counts.
      const mine = [me, { ...me, fullName: me.originalName }];
      const theirs = [c, ...(c.caseName ? [{ ...c, fullName: c.caseName }] : [])];
      const reasons = new Set(mine.flatMap((a) => theirs.flatMap((b) => samePersonReasons(a, b))));
      return { c, matchedOn: [...reasons] };
    })
    .filter((x) => x.matchedOn.length);
  return { dateOfBirth: me.dateOfBirth, matched };
}

/** readPersonHistory inside the caller's transaction (council in scope); the caller checks the permission. */
export async function personHistoryIn(sql: TSql, caseId: string): Promise<THistoryEntry[] | null> {
  const person = await samePersonIn(sql, caseId);
  if (!person) return null;
  const { matched } = person;
  const caseIds = matched.map((x) => x.c.caseId).filter((id): id is string => !!id);
  const awards = caseIds.length
    ? await sql.rows<{ caseId: string; needCategory: string; amountPence: string; status: string; potName: string }>(
        `select a."caseId", a."needCategory", a."amountPence"::text as "amountPence", a.status, p.name as "potName"
         from "Award" a join "Pot" p on p.id = a."potId" where a."caseId" = any($1::uuid[]) order by a."createdAt", a.id`,
        [`{${caseIds.join(",")}}`],
      )
    : [];
  return matched.map(({ c, matchedOn }) => ({
    applicationId: c.applicationId,
    caseId: c.caseId,
    reference: c.reference,
    channel: c.channel,
    submittedAt: new Date(c.submittedAt),
    caseStatus: c.caseStatus,
    matchedOn,
    awards: awards.filter((a) => a.caseId === c.caseId).map((a) => ({ needCategory: a.needCategory, amountPence: BigInt(a.amountPence), status: a.status, potName: a.potName })),
  }));
}
