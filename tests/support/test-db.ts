// A fresh database per integration-test file, cloned from a migrated template (fast: a file
// copy, no migrations). The template is built once per run by scripts/test.ts.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appUrlFromOwnerUrl, withDatabase } from "@/lib/db/urls";

export type TestDatabase = { name: string; ownerUrl: string; appUrl: string; owner: PrismaClient; drop: () => Promise<void> };

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_SERVER_URL;
  if (!url) throw new Error("TEST_DATABASE_SERVER_URL is not set: run the tests with `npm test` (scripts/test.ts starts the database)");
  return url;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testServerUrl();
  const template = process.env.TEST_TEMPLATE_DB ?? "moneyhub_test_template";
  const name = `moneyhub_t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const ownerUrl = withDatabase(server, name);
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl, max: 4 }) });
  return {
    name,
    ownerUrl,
    appUrl: appUrlFromOwnerUrl(ownerUrl, process.env.TEST_APP_DB_PASSWORD),
    owner,
    drop: async () => {
      await owner.$disconnect();
      const a = new pg.Client({ connectionString: withDatabase(server, "postgres") });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
