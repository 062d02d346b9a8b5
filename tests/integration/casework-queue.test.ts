// The officers' queue (lib/cases/queue.ts): one page of a council's cases, filtered, searched,
// sorted and paginated in the database, as the app's own RLS-bound role.
import type { TMemberActor } from "@/lib/actor";
import { beforeAll, describe, expect, it } from "vitest";
import { londonIsoDate } from "@/lib/calendar/working-days";
import { listCaseQueue, QUEUE_PAGE_SIZE } from "@/lib/cases/queue";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { createCouncil, createOrganisation } from "@/prisma/factories";
import { applyFor, caseActor } from "../support/casework";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let me: TMemberActor, colleague: TMemberActor, manager: TMemberActor, referrer: TMemberActor;
let orgId: string;
const ids: string[] = [];
const owner = () => testDb().owner;

const actor = caseActor;

const newCase = async (c: TCouncil) => (await applyFor(c)).caseId;

const today = londonIsoDate(new Date());
const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000);
const list = (who: TMemberActor, q: Record<string, unknown> = {}) => listCaseQueue(who, q).then((p) => p!);
const refs = (page: { rows: { id: string }[] }) => page.rows.map((r) => ids.indexOf(r.id));

beforeAll(async () => {
  await createCouncil(owner(), { slug: "queue-a", postcodeAreas: ["E8"], settings: { referencePrefix: "QUA" } });
  await createCouncil(owner(), { slug: "queue-b", postcodeAreas: ["E8"], settings: { referencePrefix: "QUB" } });
  council = (await findCouncilBySlug("queue-a"))!;
  other = (await findCouncilBySlug("queue-b"))!;
  me = await actor(council, "OFFICER", "Me Officer");
  colleague = await actor(council, "OFFICER", "Colleague Officer");
  manager = await actor(council, "MANAGER", "Manager");
  referrer = await actor(council, "REFERRER", "Referrer");
  orgId = (await createOrganisation(owner(), council.id, { name: "Citizens Advice Hackwell" })).id;
  // 60 cases: 0…4 shaped by hand below, the rest plain standard cases received in order.
  for (let i = 0; i < 60; i++) ids.push(await newCase(council));
  await newCase(other);
  for (const [i, id] of ids.entries()) {
    await owner().case.update({ where: { id }, data: { priorityScore: 10, priorityBand: "STANDARD", priorityReasons: [], receivedAt: new Date(Date.UTC(2026, 0, 1, 0, i)), slaDueOn: day(20), fullName: `Resident ${i}`, postcode: "E8 1DY", needCategories: ["food"] } });
  }
  const shape = (i: number, data: Parameters<ReturnType<typeof owner>["case"]["update"]>[0]["data"]) => owner().case.update({ where: { id: ids[i]! }, data });
  await shape(0, { priorityScore: 90, priorityBand: "URGENT", fullName: "Zeynep Kaya", postcode: "E8 3AB", slaDueOn: day(-3), status: "IN_REVIEW", assignedToId: me.user.userId });
  await shape(1, { priorityScore: 90, priorityBand: "URGENT", channel: "REFERRAL_PORTAL", organisationId: orgId, needCategories: ["energy"], slaDueOn: day(0) });
  await shape(2, { priorityScore: 50, status: "IN_REVIEW", assignedToId: colleague.user.userId, needCategories: ["energy", "food"] });
  await shape(3, { priorityScore: 40, status: "DECLINED", slaDueOn: day(-10) });
  await shape(4, { fullName: "100% O'Brien_x" });
});

describe("the queue", () => {
  it("lists the council's cases by priority, then oldest, one page at a time, with only the queue's columns", async () => {
    const first = await list(me, { status: "all" });
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    expect(refs(first).slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(first).toMatchObject({ page: 1, hasNext: true, total: 60, totalCapped: false });
    expect(Object.keys(first.rows[0]!).sort()).toEqual(
      ["assignedToId", "assignedToName", "channel", "fullName", "id", "informationAnswered", "informationOverdue", "needCategories", "paymentReturned", "possibleDuplicate", "postcode", "priorityBand", "priorityReasons", "priorityScore", "receivedAt", "reference", "slaDueOn", "status"].sort(),
    );
    expect(first.rows[0]).toMatchObject({ assignedToName: "Me Officer", slaDueOn: londonIsoDate(day(-3)) });
    const second = await list(me, { status: "all", page: "2" });
    expect(refs(second)).toEqual(Array.from({ length: 10 }, (_, k) => 50 + k));
    expect(second.hasNext).toBe(false);
    expect(refs(await list(me, { status: "all", sort: "newest" })).slice(0, 2)).toEqual([59, 58]);
    expect(refs(await list(me, { status: "all", sort: "sla" })).slice(0, 3)).toEqual([3, 0, 1]);
  });

  it("shows the open cases when no status is chosen (the officer's work), and every case when searching", async () => {
    const open = await list(me);
    expect(refs(open).slice(0, 5)).toEqual([0, 1, 2, 4, 5]);
    expect(open.total).toBe(59);
    expect(refs(await list(me, { sort: "sla" })).slice(0, 2)).toEqual([0, 1]);
    const declined = (await owner().case.findUniqueOrThrow({ where: { id: ids[3]! } })).reference;
    expect(refs(await list(me, { q: declined }))).toEqual([3]);
    expect(refs(await list(me, { q: declined, status: "open" }))).toEqual([]);
  });

  it("filters by status, channel, need, organisation, assignment and SLA", async () => {
    expect(refs(await list(me, { status: "IN_REVIEW" }))).toEqual([0, 2]);
    expect((await list(me, { status: "open" })).total).toBe(59);
    expect(refs(await list(me, { channel: "REFERRAL_PORTAL" }))).toEqual([1]);
    expect(refs(await list(me, { need: "energy" }))).toEqual([1, 2]);
    expect(refs(await list(me, { organisation: orgId }))).toEqual([1]);
    expect(refs(await list(me, { assigned: "mine" }))).toEqual([0]);
    expect(refs(await list(colleague, { assigned: "mine" }))).toEqual([2]);
    expect(refs(await list(me, { assigned: colleague.user.userId }))).toEqual([2]);
    // Open and unassigned: all but 0 and 2 (assigned) and 3 (declined); with every status, 58.
    expect((await list(me, { assigned: "unassigned" })).total).toBe(57);
    expect((await list(me, { assigned: "unassigned", status: "all" })).total).toBe(58);
    // Breached: open and past its due date (the declined case 3 is not breaching anything).
    expect(refs(await list(me, { sla: "breached" }))).toEqual([0]);
    expect(refs(await list(me, { sla: "due-today" }))).toEqual([1]);
    expect(refs(await list(me, { need: "energy", status: "IN_REVIEW", assigned: "unassigned" }))).toEqual([]);
  });

  it("searches by reference, name or postcode, treating the search as text", async () => {
    const ref = (await owner().case.findUniqueOrThrow({ where: { id: ids[7]! } })).reference;
    expect(refs(await list(me, { q: ref }))).toEqual([7]);
    expect(refs(await list(me, { q: ref.toLowerCase() }))).toEqual([7]);
    // A name: the start of the whole name or of its last word (the surname), whatever the case.
    expect(refs(await list(me, { q: "zeynep" }))).toEqual([0]);
    expect(refs(await list(me, { q: "Zeynep Ka" }))).toEqual([0]);
    expect(refs(await list(me, { q: "KAYA" }))).toEqual([0]);
    expect(refs(await list(me, { q: "kay" }))).toEqual([0]);
    // Not the middle of a word (an index lookup, not a scan of every name: docs/decisions/0016).
    expect(refs(await list(me, { q: "eyne" }))).toEqual([]);
    expect(refs(await list(me, { q: "e83ab" }))).toEqual([0]);
    expect(refs(await list(me, { q: "E8 3AB" }))).toEqual([0]);
    // Wildcards and quotes are just characters: "%" and "_" match nothing here, not everything.
    expect(refs(await list(me, { q: "100%" }))).toEqual([4]);
    expect(refs(await list(me, { q: "_" }))).toEqual([]);
    expect(refs(await list(me, { q: "%" }))).toEqual([]);
    expect(refs(await list(me, { q: "O'Brien" }))).toEqual([4]);
    expect(refs(await list(me, { q: "o'brien_" }))).toEqual([4]);
    expect((await list(me, { q: `'; drop table "Case"; --` })).rows).toEqual([]);
    expect(await owner().case.count({ where: { tenantId: council.id } })).toBe(60);
  });

  it("ignores values it does not know, and never shows another council's cases", async () => {
    expect((await list(me, { status: "BOGUS", channel: "x", need: 3, assigned: "someone", sla: "yesterday", sort: "name; drop", page: "-1" })).total).toBe(59);
    const otherOfficer = await actor(other, "OFFICER", "Other");
    expect((await list(otherOfficer)).total).toBe(1);
    expect((await list(otherOfficer, { q: "Zeynep" })).rows).toEqual([]);
    // Council A's officer asking for council B's organisation or officer: nothing.
    expect((await list(me, { assigned: otherOfficer.user.userId })).rows).toEqual([]);
  });

  it("is for staff who may read cases: a manager reads it, a referrer gets nothing", async () => {
    expect((await list(manager, { status: "all" })).total).toBe(60);
    expect(await listCaseQueue(referrer, {})).toBeNull();
  });
});
