// One typed way to write SQL by hand (docs/decisions/0020): Kysely (`sql.db`, `prismaSql(tx).db`),
// row types generated from the Prisma schema. SQL as strings (`sql.rows<T>(…)`, `$queryRaw`,
// `$executeRaw`) is left only in the drivers
// themselves: every module of lib/ was moved (2026-12-06).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Infrastructure: the drivers themselves (TSql, Kysely's connection, the scope's set_config). */
const DRIVERS = ["lib/db/kysely.ts", "lib/db/sql.ts", "lib/db/tenant-scope.ts"];

function libFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (rel !== path.join("lib", "generated")) libFiles(rel, out);
    } else if (/\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

describe("SQL written by hand", () => {
  it("goes through Kysely everywhere but the drivers", () => {
    const stringSql = libFiles("lib")
      .filter((f) => /\bsql\.rows\s*[<(]|\$queryRaw|\$executeRaw/.test(fs.readFileSync(path.join(root, f), "utf8")))
      .map((f) => f.split(path.sep).join("/"))
      .sort();
    expect(stringSql).toEqual([...DRIVERS].sort());
  });
});
