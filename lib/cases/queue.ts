import "server-only";
import { type Expression, type ExpressionBuilder, sql as q, type SqlBool } from "kysely";
import { z } from "zod";
import { actorUserId, personOf, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { CASE_STATES } from "@/lib/cases/lifecycle";
import { type DB, queryBuilder } from "@/lib/db/kysely";
import { withTenantSql } from "@/lib/db/tenant-scope";
import { stripControl } from "@/lib/forms/text";
import { answeredCondition, INFORMATION_FILTERS, informationCondition, overdueCondition } from "@/lib/cases/queue-information";
import { PAYMENT_FILTERS, paymentReturnedCondition } from "@/lib/cases/queue-payments";
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
  /** "yes": only cases a referrer awarded directly from their organisation's allowance (issue 17). */
  direct: one(z.enum(["yes"])).catch(undefined),
  /** "yes": only cases with a possible duplicate nobody has looked at (issue 18; lib/intake/duplicates.ts). */
  duplicate: one(z.enum(["yes"])).catch(undefined),
  /** Requests for information: "answered" (not yet acted on) or "overdue" (issue 18, lib/cases/queue-information.ts). */
  info: one(z.enum(INFORMATION_FILTERS)).catch(undefined),
  /** "returned": cases with an approved line whose payment was returned or rejected and is not paid again (issue 19, lib/cases/queue-payments.ts). */
  payment: one(z.enum(PAYMENT_FILTERS)).catch(undefined),
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
  possibleDuplicate: boolean;
  /** Information answered and not yet acted on / information overdue (lib/cases/queue-information.ts). */
  informationAnswered: boolean;
  informationOverdue: boolean;
  /** A payment returned or rejected and not paid again (lib/cases/queue-payments.ts). */
  paymentReturned: boolean;
};

export type TQueuePage = { rows: TQueueRow[]; page: number; pageSize: number; hasNext: boolean; total: number; totalCapped: boolean };

type TCaseAs = DB & { c: DB["Case"] };
type TOrderColumn = "c.priorityScore" | "c.receivedAt" | "c.slaDueOn" | "c.id";
const ORDER: Record<(typeof QUEUE_SORTS)[number], readonly (readonly [TOrderColumn, "asc" | "desc"])[]> = {
  priority: [["c.priorityScore", "desc"], ["c.receivedAt", "asc"], ["c.id", "asc"]],
  oldest: [["c.receivedAt", "asc"], ["c.id", "asc"]],
  newest: [["c.receivedAt", "desc"], ["c.id", "desc"]],
  sla: [["c.slaDueOn", "asc"], ["c.priorityScore", "desc"], ["c.id", "asc"]],
};

/**
 * "Open" as the database defines it (migration 20261206011500_case_open_states_once): the partial
 * indexes on open cases have this very predicate, so the planner can prove they apply.
 */
export const isOpen = (eb: ExpressionBuilder<TCaseAs, "c">) => q<SqlBool>`case_status_is_open(${eb.ref("c.status")})`;

/**
 * The status the queue shows when the URL names none: the open cases (an officer's work), or,
 * when searching, every case (a search for a reference must find a decided case too).
 */
export function effectiveStatus(query: Pick<TQueueQuery, "status" | "q" | "direct" | "payment">): NonNullable<TQueueQuery["status"]> {
  // A direct award is decided when it is made, and a returned payment's case was decided: those
  // filters look at every status unless told.
  return query.status ?? (query.q || query.direct || query.payment ? "all" : "open");
}

/** The conditions for a query (pure: built, not run). */
export function queueWhere(eb: ExpressionBuilder<TCaseAs, "c">, query: TQueueQuery, actorUserId: string, today: string): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  const status = effectiveStatus(query);
  if (status === "open") and.push(isOpen(eb));
  else if (status !== "all") and.push(eb("c.status", "=", status));
  // The generated text copy of the channel: enum equality may not use an index under row-level security.
  if (query.channel) and.push(eb("c.channelKey", "=", query.channel));
  if (query.need) and.push(eb("c.needCategories", "@>", q<string[]>`array[${query.need}::text]`));
  if (query.organisation) and.push(eb("c.organisationId", "=", query.organisation));
  if (query.direct)
    and.push(eb.exists(eb.selectFrom("CaseEvent as e").select(q<number>`1`.as("one")).whereRef("e.caseId", "=", "c.id").where("e.kind", "=", "referral.direct-award")));
  if (query.duplicate) and.push(eb("c.possibleDuplicate", "=", true));
  if (query.info) and.push(informationCondition(eb, query.info, today));
  if (query.payment) and.push(paymentReturnedCondition(eb));
  if (query.assigned === "unassigned") and.push(eb("c.assignedToId", "is", null));
  else if (query.assigned) and.push(eb("c.assignedToId", "=", query.assigned === "mine" ? actorUserId : query.assigned));
  if (query.sla) {
    if (status !== "open") and.push(isOpen(eb));
    and.push(eb("c.slaDueOn", query.sla === "breached" ? "<" : "=", q<Date>`${today}::date`));
  }
  if (query.q) {
    const text = query.q;
    const compact = text.replace(/\s+/g, "").toUpperCase();
    // A postcode is stored with its one space before the last three characters (the canonical
    // application's rule), so "e83ab" and "E8 3AB" both look for "E8 3AB".
    const postcode = compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
    // A reference ("HKW-…"), a postcode (with or without its space), or the start of the name or
    // of its last word (the surname), whatever the case: each an index lookup (leakproof
    // comparisons on the generated keys, migration 20261125040000_case_queue_indexes). No
    // wildcards: "%" and "_" are just characters.
    and.push(
      eb.or([
        eb("c.reference", "=", text.toUpperCase()),
        eb("c.postcode", "=", postcode),
        q<SqlBool>`starts_with(${eb.ref("c.nameKey")}, lower(${text}))`,
        q<SqlBool>`starts_with(${eb.ref("c.surnameKey")}, lower(${text}))`,
      ]),
    );
  }
  return and.length ? eb.and(and) : q<SqlBool>`true`;
}

/** The two statements one page of the queue runs (its rows, one more than a page; its capped count), compiled. */
export function queueStatements(query: TQueueQuery, actorUserId: string, now: Date) {
  const page = query.page ?? 1;
  const today = londonIsoDate(now);
  const order = ORDER[query.sort ?? "priority"];
  // The page's ids first, then their columns: where an index holds the order and the filters, the
  // ids come from the index alone (page 2,000 skips 99,950 index entries, not 99,950 table rows),
  // and only the page's rows are read from the table.
  let ids = queryBuilder
    .selectFrom("Case as c")
    .select("c.id")
    .where((eb) => queueWhere(eb, query, actorUserId, today));
  for (const [column, direction] of order) ids = ids.orderBy(column, direction);
  let rows = queryBuilder
    .with("page", () => ids.limit(QUEUE_PAGE_SIZE + 1).offset((page - 1) * QUEUE_PAGE_SIZE))
    .selectFrom("page")
    .innerJoin("Case as c", "c.id", "page.id")
    .leftJoin("User as u", "u.id", "c.assignedToId")
    .select([
      "c.id",
      "c.reference",
      "c.fullName",
      "c.postcode",
      "c.status",
      "c.channel",
      "c.needCategories",
      "c.priorityScore",
      "c.priorityBand",
      "c.priorityReasons",
      "c.receivedAt",
      (eb) => q<string>`to_char(${eb.ref("c.slaDueOn")}, 'YYYY-MM-DD')`.as("slaDueOn"),
      "c.assignedToId",
      "u.name as assignedToName",
      "c.possibleDuplicate",
      (eb) => q<boolean>`${answeredCondition(eb)}`.as("informationAnswered"),
      (eb) => q<boolean>`${overdueCondition(eb, today)}`.as("informationOverdue"),
      (eb) => q<boolean>`${paymentReturnedCondition(eb)}`.as("paymentReturned"),
    ]);
  for (const [column, direction] of order) rows = rows.orderBy(column, direction);
  const count = queryBuilder
    .selectFrom((db) =>
      db
        .selectFrom("Case as c")
        .select(q<number>`1`.as("one"))
        .where((eb) => queueWhere(eb, query, actorUserId, today))
        .limit(QUEUE_COUNT_CAP + 1)
        .as("t"),
    )
    .select(q<number>`count(*)::int`.as("total"));
  return { rows: rows.compile(), count: count.compile() };
}

/** One page of the council's queue, for anyone with cases:read; null for anyone else. */
export async function listCaseQueue(actor: TActor, rawQuery: unknown, now: Date = new Date()): Promise<TQueuePage | null> {
  if (!can(actor, "cases:read")) return null;
  const query = ZQueueQuery.parse(rawQuery ?? {});
  const page = query.page ?? 1;
  const statements = queueStatements(query, personOf(actor).userId, now);
  return withTenantSql(
    actor.council.id,
    async (sql) => {
      // Typed by the statement (the schema's columns): a renamed column fails to compile here.
      const rows: TQueueRow[] = (await sql.db.executeQuery(statements.rows)).rows;
      const [count] = (await sql.db.executeQuery(statements.count)).rows;
      const total = Math.min(count!.total, QUEUE_COUNT_CAP);
      return { rows: rows.slice(0, QUEUE_PAGE_SIZE), page, pageSize: QUEUE_PAGE_SIZE, hasNext: rows.length > QUEUE_PAGE_SIZE, total, totalCapped: count!.total > QUEUE_COUNT_CAP };
    },
    actorUserId(actor),
  );
}
