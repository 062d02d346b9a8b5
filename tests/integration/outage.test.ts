import { afterAll, describe, expect, it } from "vitest";
import { checkDatabase } from "@/lib/db/health";
import { databaseDown, outagePage, settleOutageCheck } from "@/lib/db/outage";
import { resetEnvForTests } from "@/lib/env";
import { createCouncil } from "@/prisma/factories";
import { testDb } from "../support/globals";

// The 503 page during a database outage (proxy.ts): a real database that goes away and comes back.
const realUrl = process.env.APP_DATABASE_URL!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two checks a second apart (one missed check is not an outage), then the answer. */
async function checkNow() {
  for (let i = 0; i < 2; i++) {
    await pause(1100);
    await databaseDown();
    await settleOutageCheck();
  }
  return databaseDown();
}

afterAll(async () => {
  process.env.APP_DATABASE_URL = realUrl;
  resetEnvForTests();
  await settleOutageCheck();
});

describe("database outage", () => {
  it("is noticed within a second or two, answered with a plain page, and recovers by itself", async () => {
    await createCouncil(testDb().owner, { slug: "outage-town", name: "Outage Town Council", contactPhone: "0300 123 4567" });
    expect(await checkNow()).toBe(false);
    // The health check (/api/health) asks the database the same.
    expect(await checkDatabase()).toBe(true);

    // The database "stops": nothing listens where the app connects.
    const url = new URL(realUrl);
    url.port = "1";
    process.env.APP_DATABASE_URL = url.toString();
    resetEnvForTests();
    expect(await checkNow()).toBe(true);
    expect(await checkDatabase()).toBe(false);

    const html = outagePage("/outage-town/apply", "n0nce");
    expect(html).toContain("Sorry, the service is unavailable");
    expect(html).toContain("Outage Town Council");
    expect(html).toContain("0300 123 4567");
    expect(html).toContain('<style nonce="n0nce">');
    expect(html).not.toMatch(/<script|at .*\.js|Error:/);
    // A council it never saw: no details, but still a page.
    expect(outagePage("/elsewhere", "x")).toContain("contact your council");
    // Names are escaped.
    expect(outagePage("/<script>", "x")).not.toContain("<script>");

    // The database "comes back": the next check sees it at once.
    process.env.APP_DATABASE_URL = realUrl;
    resetEnvForTests();
    await pause(1100);
    expect(await databaseDown()).toBe(false);
    expect(await checkDatabase()).toBe(true);
  });
});
