// A landed migration is never edited: every migration is listed in prisma/migrations/landed.sha256
// and its SQL still has the listed checksum. `npm run db:checksums` lists new ones.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addNewChecksums, changedMigrations, CHECKSUM_FILE, readChecksums, unlistedMigrations } from "@/scripts/lib/migration-checksums";

const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");

describe("landed migrations", () => {
  it("still have the SQL their checksum was taken of", () => {
    expect(readChecksums(migrations).length).toBeGreaterThanOrEqual(3);
    expect(changedMigrations(migrations), "a landed migration was edited: restore it and write a new migration").toEqual([]);
  });

  it("are all listed (run `npm run db:checksums` once a new migration is final)", () => {
    expect(unlistedMigrations(migrations)).toEqual([]);
  });
});

describe("the checksum list", () => {
  function scratch() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    const add = (name: string, sql: string) => {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    return { dir, add };
  }

  it("catches an edit to a listed migration, even of one character, and a deleted one", () => {
    const { dir, add } = scratch();
    add("20260101000000_a", "create table a (id int);\n");
    add("20260102000000_b", "create table b (id int);\n");
    expect(addNewChecksums(dir).map((e) => e.migration)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(changedMigrations(dir)).toEqual([]);
    add("20260101000000_a", "create table a (id int); \n");
    expect(changedMigrations(dir).map((c) => c.migration)).toEqual(["20260101000000_a"]);
    fs.rmSync(path.join(dir, "20260102000000_b"), { recursive: true });
    expect(changedMigrations(dir).map((c) => [c.migration, c.now])).toContainEqual(["20260102000000_b", null]);
  });

  it("only ever appends: adding a new migration keeps every existing line as it was", () => {
    const { dir, add } = scratch();
    add("20260101000000_a", "select 1;\n");
    addNewChecksums(dir);
    const before = fs.readFileSync(path.join(dir, CHECKSUM_FILE), "utf8");
    // Even when the listed migration has since been edited, its line is not rewritten.
    add("20260101000000_a", "select 2;\n");
    add("20260103000000_c", "select 3;\n");
    expect(addNewChecksums(dir).map((e) => e.migration)).toEqual(["20260103000000_c"]);
    const after = fs.readFileSync(path.join(dir, CHECKSUM_FILE), "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(changedMigrations(dir).map((c) => c.migration)).toEqual(["20260101000000_a"]);
    expect(addNewChecksums(dir)).toEqual([]);
  });

  it("refuses a malformed line rather than silently ignoring a migration", () => {
    const { dir, add } = scratch();
    add("20260101000000_a", "select 1;\n");
    fs.writeFileSync(path.join(dir, CHECKSUM_FILE), "not-a-checksum  20260101000000_a/migration.sql\n");
    expect(() => readChecksums(dir)).toThrow(/not a/);
  });
});
