import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { CASE_STATES, OPEN_CASE_STATES } from "@/lib/cases/lifecycle";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { stripControl } from "@/lib/forms/text";
import { APPLICATION_CHANNELS, NEEDS } from "@/lib/vocabulary";

// One page of a council's queue: everything submitted, all channels. Filters, search, sort and
// pagination are done in the database, and only the columns the queue shows are read (the Case
// table alone: the columns it filters on are copied there from the application). Default order:
// priority, then oldest.

export const QUEUE_SORTS = ["priority", "oldest", "newest", "sla"] as const;
export const QUEUE_PAGE_SIZE = 50;
/** Totals are counted up to here ("10,000 or more"), so a big council's queue stays fast. */
export const QUEUE_COUNT_CAP = 10_000;

// The first of a repeated parameter, control characters stripped (a URL is not typed: cleaned,
// never refused; pages read it through readSearchParams too, and this service stands on its own).
const one = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    const clean = typeof first === "string" ? stripControl(first) : first;
    return clean === "" ? undefined : clean;
  }, schema.optional());

/** The queue's URL query, forgiving: anything unknown is ignored rather than an error. */
export const ZQueueQuery = z.object({
  status: one(z.enum([...CASE_STATES, "open", "all"])).catch(undefined),
  channel: one(z.enum(APPLICATION_CHANNELS)).catch(undefined),
  need: one(z.enum(NEEDS)).catch(undefined),
  organisation: one(z.uuid()).catch(undefined),
  /** "mine", "unassigned" or a user id. */
  assigned: one(z.union([z.enum(["mine", "unassigned"]), z.uuid()])).catch(undefined),
  sla: one(z.enum(["breached", "due-today"])).catch(undefined),
  q: one(z.string().trim().max(100)).catch(undefined),
  sort: one(z.enum(QUEUE_SORTS)).catch(undefined),
  page: one(z.coerce.number().int().min(1).max(1_000_000)).catch(undefined),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

export type TQueueRow = {
  id: string;
  reference: string;
  fullName: string;
  postcode: string;
  status: string;
  channel: string;
  needCategories: string[];
  priorityScore: number;
  priorityBand: string;
  priorityReasons: string[];
  receivedAt: Date;
  slaDueOn: string;
  assignedToId: string | null;
  assignedToName: string | null;
};

export type TQueuePage = { rows: TQueueRow[]; page: number; pageSize: number; hasNext: boolean; total: number; totalCapped: boolean };

const ORDER: Record<(typeof QUEUE_SORTS)[number], string> = {
  priority: `c."priorityScore" desc, c."receivedAt" asc, c.id asc`,
  oldest: `c."receivedAt" asc, c.id asc`,
  newest: `c."receivedAt" desc, c.id desc`,
  sla: `c."slaDueOn" asc, c."priorityScore" desc, c.id asc`,
};

/**
 * "Open" written out, not a parameter: the partial indexes on open cases (migration
 * 20261125040000_case_queue_indexes) have this very predicate, so the planner can prove they apply.
 */
export const OPEN_STATUS_SQL = `c.status in (${OPEN_CASE_STATES.map((s) => `'${s}'`).join(", ")})`;

/**
 * The status the queue shows when the URL names none: the open cases (an officer's work), or,
 * when searching, every case (a search for a reference must find a decided case too).
 */
export function effectiveStatus(query: Pick<TQueueQuery, "status" | "q">): NonNullable<TQueueQuery["status"]> {
  return query.status ?? (query.q ? "all" : "open");
}

/** The conditions and their values ($1 …) for a query; pure, so it is tested without a database. */
export function queueWhere(query: TQueueQuery, actorUserId: string, today: string): { where: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const and: string[] = [];
  const status = effectiveStatus(query);
  if (status === "open") and.push(OPEN_STATUS_SQL);
  else if (status !== "all") and.push(`c.status = ${p(status)}::"CaseStatus"`);
  // The generated text copy of the channel: enum equality may not use an index under row-level security.
  if (query.channel) and.push(`c."channelKey" = ${p(query.channel)}`);
  if (query.need) and.push(`c."needCategories" @> array[${p(query.need)}::text]`);
  if (query.organisation) and.push(`c."organisationId" = ${p(query.organisation)}::uuid`);
  if (query.assigned === "unassigned") and.push(`c."assignedToId" is null`);
  else if (query.assigned) and.push(`c."assignedToId" = ${p(query.assigned === "mine" ? actorUserId : query.assigned)}::uuid`);
  if (query.sla) {
    if (status !== "open") and.push(OPEN_STATUS_SQL);
    and.push(query.sla === "breached" ? `c."slaDueOn" < ${p(today)}::date` : `c."slaDueOn" = ${p(today)}::date`);
  }
  if (query.q) {
    const q = query.q;
    const compact = q.replace(/\s+/g, "").toUpperCase();
    // A postcode is stored with its one space before the last three characters (the canonical
    // application's rule), so "e83ab" and "E8 3AB" both look for "E8 3AB".
    const postcode = compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
    // A reference ("HKW-…"), a postcode (with or without its space), or the start of the name or
    // of its last word (the surname), whatever the case: each an index lookup (leakproof
    // comparisons on the generated keys, migration 20261125040000_case_queue_indexes). No
    // wildcards: "%" and "_" are just characters.
    const name = p(q);
    and.push(`(c.reference = ${p(q.toUpperCase())} or c.postcode = ${p(postcode)} or starts_with(c."nameKey", lower(${name})) or starts_with(c."surnameKey", lower(${name})))`);
  }
  return { where: and.length ? and.join(" and ") : "true", values };
}

/** The two statements one page of the queue runs (its rows, one more than a page; its capped count), with their values. */
export function queueStatements(query: TQueueQuery, actorUserId: string, now: Date): { rows: { text: string; values: unknown[] }; count: { text: string; values: unknown[] } } {
  const page = query.page ?? 1;
  const { where, values } = queueWhere(query, actorUserId, londonIsoDate(now));
  const order = ORDER[query.sort ?? "priority"];
  const n = values.length;
  return {
    rows: {
      // The page's ids first, then their columns: where an index holds the order and the
      // filters, the ids come from the index alone (page 2,000 skips 99,950 index entries, not
      // 99,950 table rows), and only the page's rows are read from the table.
      text: `with page as (select c.id from "Case" c where ${where} order by ${order} limit $${n + 1} offset $${n + 2})
         select c.id, c.reference, c."fullName", c.postcode, c.status, c.channel, c."needCategories", c."priorityScore", c."priorityBand", c."priorityReasons",
                c."receivedAt", to_char(c."slaDueOn", 'YYYY-MM-DD') as "slaDueOn", c."assignedToId", u.name as "assignedToName"
         from page join "Case" c on c.id = page.id left join "User" u on u.id = c."assignedToId"
         order by ${order}`,
      values: [...values, QUEUE_PAGE_SIZE + 1, (page - 1) * QUEUE_PAGE_SIZE],
    },
    count: { text: `select count(*)::int as total from (select 1 from "Case" c where ${where} limit $${n + 1}) t`, values: [...values, QUEUE_COUNT_CAP + 1] },
  };
}

/** One page of the council's queue, for anyone with cases:read; null for anyone else. */
export async function listCaseQueue(actor: TCaseActor, rawQuery: unknown, now: Date = new Date()): Promise<TQueuePage | null> {
  if (!can(actor.roles, "cases:read")) return null;
  const query = ZQueueQuery.parse(rawQuery ?? {});
  const page = query.page ?? 1;
  const statements = queueStatements(query, actor.user.userId, now);
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      const rows = await sql.rows<TQueueRow>(statements.rows.text, statements.rows.values);
      const [count] = await sql.rows<{ total: number }>(statements.count.text, statements.count.values);
      const total = Math.min(count!.total, QUEUE_COUNT_CAP);
      return { rows: rows.slice(0, QUEUE_PAGE_SIZE), page, pageSize: QUEUE_PAGE_SIZE, hasNext: rows.length > QUEUE_PAGE_SIZE, total, totalCapped: count!.total > QUEUE_COUNT_CAP };
    },
    actor.user.userId,
  );
}
