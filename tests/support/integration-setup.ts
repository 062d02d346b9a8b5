// Runs before each integration-test file: a fresh database, and the app configured to use it
// through the non-owner role, exactly as the running app does.
import { afterAll } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "./test-db";

const testDb: TestDatabase = await createTestDatabase();
process.env.APP_DATABASE_URL = testDb.appUrl;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-1234";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.APP_URL = "http://localhost:3000";
resetEnvForTests();

(globalThis as unknown as { testDb: TestDatabase }).testDb = testDb;

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  await testDb.drop();
});
