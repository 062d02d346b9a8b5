// The generated columns the queue searches and filters on (migration
// 20261125040000_case_queue_indexes, docs/decisions/0016) stay right whoever writes the case, and
// the queue's statements use the indexes the migration made, as the app's RLS-bound role.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { recordApplication } from "@/lib/intake/record-application";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers } from "@/lib/applications/steps";
import { amendApplication } from "@/lib/cases/amend-application";
import { claimCase } from "@/lib/cases/claim-case";
import { queueStatements, ZQueueQuery } from "@/lib/cases/queue";
import { memberActor, type TMemberActor } from "@/lib/actor";
import { withTenant, withTenantSql } from "@/lib/db/tenant-scope";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { APPLICATION_CHANNELS } from "@/lib/vocabulary";
import { createCouncil, createMember } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";
import { seedBenchCouncil } from "../../scripts/bench/queue-seed";

let council: TCouncil;
let officer: TMemberActor;
let caseId: string;
const owner = () => testDb().owner;

beforeAll(async () => {
  await createCouncil(owner(), { slug: "queue-idx", postcodeAreas: ["E8"], settings: { referencePrefix: "QIX" } });
  council = (await findCouncilBySlug("queue-idx"))!;
  const user = await createMember(owner(), council.id, "OFFICER", { name: "Index Officer" });
  officer = memberActor({ council: { id: council.id }, user: { userId: user.id, email: user.email }, roles: ["OFFICER"], organisationId: null });
  const r = await withTenant(council.id, (tx) => recordApplication(tx, council, assemble(parseAnswers(FULL), true), { channel: "RESIDENT_ONLINE", draftId: null, locale: "en", actor: null, ip: null }));
  if (r.outcome !== "recorded") throw new Error("not recorded");
  caseId = (await owner().case.findUniqueOrThrow({ where: { tenantId_applicationId: { tenantId: council.id, applicationId: r.id } } })).id;
});

const keys = () =>
  owner().$queryRaw<{ nameKey: string; surnameKey: string; channelKey: string | null; channel: string }[]>`select "nameKey", "surnameKey", "channelKey", channel::text from "Case" where id = ${caseId}::uuid`.then((r) => r[0]!);

describe("the queue's generated keys", () => {
  it("are the name and surname in lower case, from whoever wrote the case", async () => {
    expect(await keys()).toMatchObject({ nameKey: "ayşe yılmaz", surnameKey: "yılmaz", channelKey: "RESIDENT_ONLINE" });
  });

  it("follow an amendment of the name", async () => {
    expect((await claimCase(officer, caseId)).outcome).toBe("done");
    const amended = await amendApplication(officer, caseId, { field: "aboutYou.fullName", value: "Ayse Demir-Kaya", reason: "Spelling confirmed on the phone" });
    expect(amended.outcome).toBe("amended");
    expect(await keys()).toMatchObject({ nameKey: "ayse demir-kaya", surnameKey: "demir-kaya" });
  });

  it("spell out every channel (a new ApplicationChannel needs a migration that adds it to channelKey)", async () => {
    for (const channel of APPLICATION_CHANNELS) {
      await owner().$executeRaw`update "Case" set channel = ${channel}::"ApplicationChannel" where id = ${caseId}::uuid`;
      expect(await keys()).toMatchObject({ channel, channelKey: channel });
    }
  });
});

describe("the queue's statements", () => {
  // 4,000 more cases (bench:queue's bulk writer), so the planner sees a council worth indexing;
  // with seq scans off, what remains is the best index path: the test fails if a condition can
  // no longer be an index condition under row-level security (not leakproof).
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: testDb().ownerUrl });
    await client.connect();
    try {
      const staff = [officer.user.userId];
      const [pot] = await owner().$queryRaw<{ id: string; fundId: string }[]>`select p.id, p."fundId" from "Pot" p where p."tenantId" = ${council.id}::uuid limit 1`;
      await seedBenchCouncil(client, { tenantId: council.id, prefix: "QIX", areas: ["E8"], streets: ["Mare Street"], town: "London", organisationIds: [], staffIds: staff, potId: pot?.id ?? "", fundId: pot?.fundId ?? "" }, 1, 4_000, 0.5, { awards: false });
      await client.query(`analyze "Case"`);
    } finally {
      await client.end();
    }
  });

  async function plan(query: Record<string, string>, which: "rows" | "count"): Promise<string> {
    const st = queueStatements(ZQueueQuery.parse(query), officer.user.userId, new Date())[which];
    return withTenantSql(
      council.id,
      async (sql) => {
        await sql.rows("set local enable_seqscan = off", []);
        const rows = await sql.rows<{ "QUERY PLAN": string }>(`explain ${st.sql}`, [...st.parameters]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      },
      officer.user.userId,
    );
  }

  it("search names, references and postcodes through their indexes", async () => {
    const p = await plan({ q: "Hewitt" }, "count");
    for (const index of ["case_name_key", "case_surname_key", "Case_tenantId_reference_key", "Case_tenantId_postcode_idx"]) expect(p).toContain(index);
  });

  it("count a channel's cases with a need from the index alone, and open or breached cases from the partial indexes", async () => {
    expect(await plan({ status: "all", channel: "REFERRAL_PORTAL", need: "food" }, "count")).toMatch(/case_channel_needs[\s\S]*Index Cond: .*"channelKey"/);
    // The queue's default (open cases) by channel: the partial index of open cases by channel.
    expect(await plan({ channel: "REFERRAL_PORTAL", need: "food" }, "count")).toMatch(/case_open_by_channel[\s\S]*Index Cond: .*"channelKey"/);
    expect(await plan({ sla: "breached", sort: "sla" }, "count")).toContain("case_open_by_sla");
    expect(await plan({ sla: "breached", sort: "sla" }, "rows")).toContain("case_open_by_sla");
    expect(await plan({ status: "open" }, "rows")).toContain("case_open_by_priority");
  });
});
