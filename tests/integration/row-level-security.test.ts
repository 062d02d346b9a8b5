// Tenant isolation enforced by PostgreSQL itself: these tests talk to the database as the
// app's role with raw SQL, so no application code can be what makes them pass.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAppRole } from "@/lib/db/role-check";
import { addMembership, createCouncil, createFund, createOrganisation, createUser } from "@/prisma/factories";
import { testDb } from "../support/globals";

let app: pg.Client;
let a: { id: string }, b: { id: string };
let orgA: { id: string }, orgB: { id: string };
let userB: { id: string };

async function inTenant<T>(tenantId: string | null, fn: () => Promise<T>, userId = ""): Promise<T> {
  await app.query("begin");
  try {
    await app.query("select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", [tenantId ?? "", userId]);
    return await fn();
  } finally {
    await app.query("rollback");
  }
}

beforeAll(async () => {
  const { owner, appUrl } = testDb();
  a = await createCouncil(owner, { slug: "council-a" });
  b = await createCouncil(owner, { slug: "council-b" });
  orgA = await createOrganisation(owner, a.id, { name: "A health visitors" });
  orgB = await createOrganisation(owner, b.id, { name: "B health visitors" });
  userB = await createUser(owner, { email: "officer@b.example" });
  await addMembership(owner, b.id, userB.id, "OFFICER");
  app = new pg.Client({ connectionString: appUrl });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
});

describe("row-level security, as the app's database role", () => {
  it("shows a council only its own rows", async () => {
    const rows = await inTenant(a.id, async () => (await app.query(`select id from "Organisation"`)).rows);
    expect(rows.map((r) => r.id)).toEqual([orgA.id]);
  });

  it("shows nothing when no council is set", async () => {
    const rows = await inTenant(null, async () => (await app.query(`select id from "Organisation"`)).rows);
    expect(rows).toEqual([]);
  });

  it("cannot read, change or delete another council's row even by its exact id", async () => {
    await inTenant(a.id, async () => {
      expect((await app.query(`select * from "Organisation" where id = $1`, [orgB.id])).rowCount).toBe(0);
      expect((await app.query(`update "Organisation" set name = 'pwned' where id = $1`, [orgB.id])).rowCount).toBe(0);
      expect((await app.query(`select * from "Membership" where "userId" = $1`, [userB.id])).rowCount).toBe(0);
    });
    const { owner } = testDb();
    expect((await owner.organisation.findUniqueOrThrow({ where: { id: orgB.id } })).name).toBe("B health visitors");
  });

  it("cannot write a row into another council", async () => {
    await expect(
      inTenant(a.id, () => app.query(`insert into "Organisation" (id, "tenantId", name, type, "allowedEmailDomains", "updatedAt") values (gen_random_uuid(), $1, 'x', 'OTHER', '{}', now())`, [b.id])),
    ).rejects.toThrow(/row-level security/);
    await expect(inTenant(a.id, () => app.query(`update "Organisation" set "tenantId" = $1 where id = $2`, [b.id, orgA.id]))).rejects.toThrow(/row-level security/);
  });

  it("lets a person read their own memberships across councils, but not write them", async () => {
    const rows = await inTenant(null, async () => (await app.query(`select "tenantId" from "Membership"`)).rows, userB.id);
    expect(rows.map((r) => r.tenantId)).toEqual([b.id]);
    await expect(
      inTenant(a.id, () => app.query(`insert into "Membership" (id, "tenantId", "userId", role, "updatedAt") values (gen_random_uuid(), $1, $2, 'COUNCIL_ADMIN', now())`, [b.id, userB.id])),
    ).rejects.toThrow(/row-level security/);
  });

  it("inside a council, shows only that council's memberships, even a person's own elsewhere", async () => {
    const rows = await inTenant(a.id, async () => (await app.query(`select "tenantId" from "Membership" where "userId" = $1`, [userB.id])).rows, userB.id);
    expect(rows).toEqual([]);
  });

  it("keeps the audit log append-only", async () => {
    await inTenant(a.id, async () => {
      await app.query(`insert into "AuditEvent" (id, "tenantId", "actorKind", action, "entityType", summary) values (gen_random_uuid(), $1, 'system', 'test', 'Test', 'x')`, [a.id]);
      await expect(app.query(`update "AuditEvent" set summary = 'changed'`)).rejects.toThrow(/permission denied/);
    });
    await inTenant(a.id, async () => {
      await expect(app.query(`delete from "AuditEvent"`)).rejects.toThrow(/permission denied/);
    });
  });

  it("refuses UPDATE and DELETE of audit rows even for the owner", async () => {
    const { owner } = testDb();
    await owner.$executeRaw`insert into "AuditEvent" (id, "tenantId", "actorKind", action, "entityType", summary) values (gen_random_uuid(), ${a.id}::uuid, 'system', 'owner-test', 'Test', 'x')`;
    await expect(owner.$executeRaw`update "AuditEvent" set summary = 'changed'`).rejects.toThrow(/append-only/);
  });

  it("is a role that cannot bypass RLS, while the owner would be refused by the start-up check", async () => {
    const { appUrl, ownerUrl } = testDb();
    expect(await checkAppRole(appUrl)).toEqual([]);
    const problems = await checkAppRole(ownerUrl);
    expect(problems.join(" ")).toMatch(/superuser|owns/);
  });

  it("has RLS enabled and forced on every table with a tenantId column", async () => {
    const { rows } = await app.query(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenantId'
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) expect({ table: r.relname, rls: r.relrowsecurity, forced: r.relforcerowsecurity }).toEqual({ table: r.relname, rls: true, forced: true });
  });

  // Row-level security checks each row's own tenantId; foreign-key checks bypass it. So a child
  // row's key to its parent must carry tenantId too, or council A's row can point into council B.
  it("refuses a Pot of one council pointing at a Fund or organisation of another, written directly as the app role", async () => {
    const { owner } = testDb();
    const fundB = await createFund(owner, b.id, { name: "B fund" });
    const fundA = await createFund(owner, a.id, { name: "A fund" });
    const insertPot = (fundId: string, orgId: string | null) =>
      inTenant(a.id, () =>
        app.query(
          `insert into "Pot" (id, "tenantId", "fundId", name, "ownerOrganisationId", "eligibleNeeds", "eligibleHouseholdTypes", "accessRoutes", "updatedAt")
           values (gen_random_uuid(), $1, $2, 'Cross-council pot', $3, '{}', '{}', '{}', now())`,
          [a.id, fundId, orgId],
        ),
      );
    await expect(insertPot(fundB.fund.id, null)).rejects.toThrow(/foreign key/);
    await expect(insertPot(fundA.fund.id, orgB.id)).rejects.toThrow(/foreign key/);
    await expect(insertPot(fundA.fund.id, orgA.id)).resolves.toBeTruthy();
    await expect(
      inTenant(a.id, () =>
        app.query(
          `insert into "Invitation" (id, "tenantId", email, name, role, "organisationId", "tokenHash", "expiresAt") values (gen_random_uuid(), $1, 'x@b.example', 'X', 'REFERRER', $2, 'h-' || gen_random_uuid(), now())`,
          [a.id, orgB.id],
        ),
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it("has tenantId in every foreign key between two tenant-owned tables (catalogue check)", async () => {
    const { rows } = await app.query<{ child: string; parent: string; name: string; columns: string[]; refcolumns: string[] }>(`
      select con.conname as name, child.relname as child, parent.relname as parent,
        array(select a.attname::text from unnest(con.conkey) with ordinality k(num, pos) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.pos) as columns,
        array(select a.attname::text from unnest(con.confkey) with ordinality k(num, pos) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.pos) as refcolumns
      from pg_constraint con
      join pg_class child on child.oid = con.conrelid
      join pg_class parent on parent.oid = con.confrelid
      join pg_namespace n on n.oid = child.relnamespace
      where con.contype = 'f' and n.nspname = 'public'
        and exists (select 1 from pg_attribute where attrelid = con.conrelid and attname = 'tenantId' and not attisdropped)
        and exists (select 1 from pg_attribute where attrelid = con.confrelid and attname = 'tenantId' and not attisdropped)`);
    // Fund→Pot, Pot→LedgerAccount, ledger postings, organisations, application drafts…
    expect(rows.length).toBeGreaterThanOrEqual(13);
    for (const r of rows) {
      const i = r.columns.indexOf("tenantId");
      expect({ key: r.name, tenantIdPaired: i >= 0 && r.refcolumns[i] === "tenantId" }).toEqual({ key: r.name, tenantIdPaired: true });
    }
  });
});
