// The open case states are defined once in SQL, case_status_is_open() (docs/decisions/0020); the
// TypeScript list the lifecycle map uses must say the same. Read from the latest migration that
// (re)defines the function (tests/integration/database-code.test.ts asks the migrated database).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPEN_CASE_STATES } from "@/lib/cases/lifecycle";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

function openStatesInMigrations(): string[] {
  let latest: string | undefined;
  for (const migration of fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d)).sort()) {
    const text = fs.readFileSync(path.join(MIGRATIONS, migration, "migration.sql"), "utf8");
    const m = /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+case_status_is_open\s*\([^)]*\)[\s\S]*?\$\$([\s\S]*?)\$\$/i.exec(text);
    if (m) latest = m[1];
  }
  if (!latest) throw new Error("no migration defines case_status_is_open");
  const list = /\bIN\s*\(([^)]*)\)/i.exec(latest);
  if (!list) throw new Error(`case_status_is_open is no longer an IN list: ${latest}`);
  return [...list[1]!.matchAll(/'([A-Z_]+)'/g)].map((x) => x[1]!);
}

describe("the open case states", () => {
  it("are the same in TypeScript (OPEN_CASE_STATES) and in the migration's case_status_is_open()", () => {
    expect(openStatesInMigrations()).toEqual([...OPEN_CASE_STATES]);
  });
});
