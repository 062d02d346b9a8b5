// recordApplication(): the one writer of Application, for every channel, inside the caller's
// transaction, as the app's own (non-owner, RLS-bound) database role.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordApplication } from "@/lib/intake/record-application";
import { assemble } from "@/lib/applications/schemas";
import { parseAnswers, type TRawAnswers } from "@/lib/applications/steps";
import { withTenant } from "@/lib/db/tenant-scope";
import { findCouncilBySlug, type TCouncil } from "@/lib/tenancy/queries";
import { ACCESS_ROUTE_OF_CHANNEL, APPLICATION_CHANNELS, type TApplicationChannel } from "@/lib/vocabulary";
import { createCouncil } from "@/prisma/factories";
import { FULL } from "../support/application-answers";
import { testDb } from "../support/globals";

let council: TCouncil, other: TCouncil;
let app: pg.Client;

/** The canonical application the pages' answers make (what any channel assembles). */
function canonical(answers: TRawAnswers = FULL): unknown {
  return assemble(parseAnswers(answers), true);
}

beforeAll(async () => {
  await createCouncil(testDb().owner, { slug: "record-a", postcodeAreas: ["E8"], settings: { referencePrefix: "RCA" } });
  await createCouncil(testDb().owner, { slug: "record-b", postcodeAreas: ["E8"], settings: { referencePrefix: "RCB" } });
  council = (await findCouncilBySlug("record-a"))!;
  other = (await findCouncilBySlug("record-b"))!;
  app = new pg.Client({ connectionString: testDb().appUrl });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
});

const source = (channel: TApplicationChannel) => ({ channel, draftId: null, locale: "en", actor: null, ip: null });

describe("recordApplication", () => {
  it("records an application from any channel, without a draft, with its channel and schema version", async () => {
    for (const channel of APPLICATION_CHANNELS) {
      const result = await withTenant(council.id, (tx) => recordApplication(tx, council, canonical(), source(channel)));
      expect(result.outcome).toBe("recorded");
      if (result.outcome !== "recorded") continue;
      expect(result.reference).toMatch(/^RCA-/);
      const row = await testDb().owner.application.findUniqueOrThrow({ where: { id: result.id } });
      expect(row).toMatchObject({ channel, draftId: null, schemaVersion: 1, residentStatus: "RECEIVED", tenantId: council.id });
      // Bank details only sealed; masked in the stored application.
      expect(JSON.stringify(row.data)).not.toContain("66374958");
      expect(await testDb().owner.auditEvent.count({ where: { action: "application.submitted", entityId: result.id, metadata: { path: ["channel"], equals: channel } } })).toBe(1);
    }
  });

  it("writes nothing for an application that fails the canonical schema (every channel is held to it)", async () => {
    const before = await testDb().owner.application.count();
    const incomplete = canonical({ ...FULL, consent: {} } as TRawAnswers);
    const tampered = { ...(canonical() as Record<string, unknown>), schemaVersion: 99, tenantId: other.id };
    for (const bad of [incomplete, tampered, null, "x"]) {
      const result = await withTenant(council.id, (tx) => recordApplication(tx, council, bad, source("REFERRAL_API")));
      expect(result.outcome).toBe("invalid");
    }
    expect(await testDb().owner.application.count()).toBe(before);
  });

  it("commits or rolls back with the caller's own writes (the outbox row will go in the same transaction)", async () => {
    const before = await testDb().owner.application.count();
    const auditsBefore = await testDb().owner.auditEvent.count({ where: { action: "application.submitted" } });
    await expect(
      withTenant(council.id, async (tx) => {
        await recordApplication(tx, council, canonical(), source("OFFICER_PHONE"));
        throw new Error("the caller's next write failed");
      }),
    ).rejects.toThrow(/next write failed/);
    expect(await testDb().owner.application.count()).toBe(before);
    expect(await testDb().owner.auditEvent.count({ where: { action: "application.submitted" } })).toBe(auditsBefore);
  });

  it("cannot record into another council than the one in scope", async () => {
    await expect(withTenant(other.id, (tx) => recordApplication(tx, council, canonical(), source("REFERRAL_PORTAL")))).rejects.toThrow(/row-level security/);
  });

  it("keeps the application immutable for the app role: only the resident's status word may change", async () => {
    const result = await withTenant(council.id, (tx) => recordApplication(tx, council, canonical(), source("RESIDENT_ONLINE")));
    if (result.outcome !== "recorded") throw new Error("not recorded");
    await app.query("begin");
    await app.query("select set_config('app.tenant_id', $1, true)", [council.id]);
    for (const sql of [`update "Application" set data = '{}' where id = $1`, `update "Application" set channel = 'REFERRAL_API' where id = $1`, `update "Application" set "fullName" = 'X' where id = $1`, `delete from "Application" where id = $1`]) {
      await app.query("savepoint s");
      await expect(app.query(sql, [result.id]), sql).rejects.toThrow(/permission denied/);
      await app.query("rollback to savepoint s");
    }
    const updated = await app.query(`update "Application" set "residentStatus" = 'IN_REVIEW', "updatedAt" = now() where id = $1`, [result.id]);
    expect(updated.rowCount).toBe(1);
    await app.query("commit");
  });
});

describe("the channel vocabulary", () => {
  it("is the database's enum, value for value, and every channel is one of the pots' access routes", async () => {
    const rows = await testDb().owner.$queryRaw<{ v: string }[]>`select unnest(enum_range(null::"ApplicationChannel"))::text as v`;
    expect(rows.map((r) => r.v)).toEqual([...APPLICATION_CHANNELS]);
    expect(Object.keys(ACCESS_ROUTE_OF_CHANNEL).sort()).toEqual([...APPLICATION_CHANNELS].sort());
    expect(ACCESS_ROUTE_OF_CHANNEL.OFFICER_PHONE).toBe("APPLICATION");
    expect(ACCESS_ROUTE_OF_CHANNEL.REFERRAL_API).toBe("REFERRAL");
  });
});
