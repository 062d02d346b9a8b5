import type { TestDatabase } from "./test-db";

/** The current file's database (owner client for set-up; the app code uses the app role). */
export function testDb(): TestDatabase {
  const t = (globalThis as unknown as { testDb?: TestDatabase }).testDb;
  if (!t) throw new Error("No test database: is tests/support/integration-setup.ts in setupFiles?");
  return t;
}
