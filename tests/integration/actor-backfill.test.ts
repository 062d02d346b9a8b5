// The migration that gave the timeline and the audit log the actor's kind
// (20261206040000_actor_kind_and_ref) on a database that already has rows: every earlier
// migration applied to a scratch database, rows written as the app wrote them before, then the
// migration. Each row gets the kind its own columns imply, and the audit log's append-only
// trigger and the tables' FORCEd row-level security are back afterwards.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "@/lib/db/urls";
import { testServerUrl } from "../support/test-db";

const MIGRATION = "20261206040000_actor_kind_and_ref";
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const name = `moneyhub_backfill_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
let db: pg.Client;

const T = "00000000-0000-4000-8000-0000000000a1";
const APP = "00000000-0000-4000-8000-0000000000f1";
const CASE = "00000000-0000-4000-8000-0000000000c1";
const officer = "00000000-0000-4000-8000-000000000001";
const referrer = "00000000-0000-4000-8000-000000000002";
const operator = "00000000-0000-4000-8000-000000000003";

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: withDatabase(testServerUrl(), "postgres") });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  db = new pg.Client({ connectionString: withDatabase(testServerUrl(), name) });
  await db.connect();
  const before = fs.readdirSync(dir).filter((d) => /^\d{14}_/.test(d) && d < MIGRATION).sort();
  for (const m of before) await db.query(fs.readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
}, 60_000);

afterAll(async () => {
  await db?.end();
  const admin = new pg.Client({ connectionString: withDatabase(testServerUrl(), "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe(`migration ${MIGRATION}`, () => {
  it("gives every existing timeline line and audit event the kind its columns imply, then restores the trigger and row-level security", async () => {
    await db.query(`insert into "Tenant" (id, slug, name, kind, "contactEmail", "contactPhone", "postcodeAreas", "updatedAt") values ($1, 'backfill', 'Backfill', 'LONDON_BOROUGH', 'a@b.example', '1', '{}', now())`, [T]);
    for (const [id, n] of [[officer, 1], [referrer, 2], [operator, 3]] as const) await db.query(`insert into "User" (id, email, name, "updatedAt") values ($1, $2, $3, now())`, [id, `u${n}@x.example`, `U${n}`]);
    await db.query(`insert into "Membership" (id, "tenantId", "userId", role, "updatedAt") values (gen_random_uuid(), $1, $2, 'OFFICER', now()), (gen_random_uuid(), $1, $3, 'REFERRER', now())`, [T, officer, referrer]);
    const audit = (tenant: string | null, user: string | null, action: string, entityId: string | null = null) =>
      db.query(`insert into "AuditEvent" (id, "tenantId", "actorUserId", action, "entityType", "entityId", summary) values (gen_random_uuid(), $1, $2, $3, 'Application', $4, 'x')`, [tenant, user, action, entityId]);
    await audit(T, officer, "funds.created");
    await audit(T, referrer, "auth.magic-link.signed-in");
    await audit(T, operator, "people.invited");
    await audit(null, operator, "auth.sign-in.succeeded");
    await audit(null, null, "auth.sign-in.failed");
    await audit(T, null, "application.submitted", APP);
    await audit(T, null, "something.else");
    await db.query(
      `insert into "Application" (id, "tenantId", reference, "schemaVersion", channel, data, "fullName", "dateOfBirth", postcode, locale, "urgencyFlags", "updatedAt")
       values ($1, $2, 'BF-1', 1, 'RESIDENT_ONLINE', '{}', 'N', '1970-01-01', 'E8 1AA', 'en', '{}', now())`,
      [APP, T],
    );
    await db.query(
      `insert into "Case" (id, "tenantId", "applicationId", reference, channel, "fullName", postcode, "needCategories", "priorityScore", "priorityBand", "priorityReasons", "receivedAt", "slaDueOn")
       values ($1, $2, $3, 'BF-1', 'RESIDENT_ONLINE', 'N', 'E8 1AA', '{}', 0, 'STANDARD', '{}', now(), now())`,
      [CASE, T, APP],
    );
    for (const user of [officer, referrer, operator, null]) await db.query(`insert into "CaseEvent" (id, "tenantId", "caseId", kind, "actorUserId") values (gen_random_uuid(), $1, $2, 'note', $3)`, [T, CASE, user]);

    await db.query(fs.readFileSync(path.join(dir, MIGRATION, "migration.sql"), "utf8"));

    const events = (await db.query(`select action, "actorKind", "actorRef" from "AuditEvent" order by action`)).rows;
    expect(events).toEqual([
      { action: "application.submitted", actorKind: "resident", actorRef: APP },
      { action: "auth.magic-link.signed-in", actorKind: "referrer", actorRef: null },
      { action: "auth.sign-in.failed", actorKind: "anonymous", actorRef: null },
      { action: "auth.sign-in.succeeded", actorKind: "person", actorRef: null },
      { action: "funds.created", actorKind: "staff", actorRef: null },
      { action: "people.invited", actorKind: "person", actorRef: null },
      { action: "something.else", actorKind: "system", actorRef: null },
    ]);
    const lines = (await db.query(`select "actorUserId", "actorKind", "actorRef" from "CaseEvent" order by "actorUserId" nulls last`)).rows;
    expect(lines.map((l) => l.actorKind)).toEqual(["staff", "referrer", "person", "system"]);
    expect(lines.every((l) => l.actorRef === null)).toBe(true);
    // The append-only trigger is back, and row-level security applies to the owner again.
    await expect(db.query(`update "AuditEvent" set summary = 'changed'`)).rejects.toThrow(/append-only/);
    const forced = (await db.query(`select relname, relforcerowsecurity from pg_class where relname in ('CaseEvent', 'AuditEvent', 'Membership') order by relname`)).rows;
    expect(forced).toEqual([
      { relname: "AuditEvent", relforcerowsecurity: true },
      { relname: "CaseEvent", relforcerowsecurity: true },
      { relname: "Membership", relforcerowsecurity: true },
    ]);
  }, 60_000);
});
