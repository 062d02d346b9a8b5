// Database code is written once (docs/decisions/0020): the open case states in one SQL function
// that the TypeScript list agrees with and the partial indexes use, and every function the
// migrations define live exactly once, with the body of the latest migration that (re)defines it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CASE_STATES, OPEN_CASE_STATES } from "@/lib/cases/lifecycle";
import { testDb } from "../support/globals";

const owner = () => testDb().owner;
const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Every CREATE [OR REPLACE] FUNCTION in the migrations, in the order they run, with its $…$ body. */
function functionsInMigrations(): { name: string; migration: string; body: string }[] {
  const found: { name: string; migration: string; body: string }[] = [];
  for (const migration of fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d)).sort()) {
    const text = fs.readFileSync(path.join(MIGRATIONS, migration, "migration.sql"), "utf8");
    for (const m of text.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+([a-z_][a-z0-9_]*)\s*\(/gi)) {
      const rest = text.slice(m.index + m[0].length);
      const open = /\$([A-Za-z_]*)\$/.exec(rest);
      if (!open) throw new Error(`${migration}: no $-quoted body for ${m[1]}`);
      const from = open.index + open[0].length;
      const to = rest.indexOf(open[0], from);
      found.push({ name: m[1]!.toLowerCase(), migration, body: rest.slice(from, to) });
    }
  }
  return found;
}

describe("the open case states", () => {
  it("are what OPEN_CASE_STATES says, in the database's one definition (case_status_is_open)", async () => {
    const rows = await owner().$queryRaw<{ s: string }[]>`select s::text as s from unnest(enum_range(null::"CaseStatus")) with ordinality e(s, n) where case_status_is_open(s) order by n`;
    const inEnumOrder = CASE_STATES.filter((s) => OPEN_CASE_STATES.includes(s));
    expect(rows.map((r) => r.s)).toEqual(inEnumOrder);
    // The enum and the TypeScript list of states agree too, so the comparison covers every state.
    const all = await owner().$queryRaw<{ s: string }[]>`select unnest(enum_range(null::"CaseStatus"))::text as s`;
    expect(all.map((r) => r.s)).toEqual([...CASE_STATES]);
  });

  it("are spelt in no index predicate: the partial indexes call the function", async () => {
    const indexes = await owner().$queryRaw<{ indexname: string; indexdef: string }[]>`select indexname, indexdef from pg_indexes where schemaname = 'public' and indexdef like '% WHERE %' order by 1`;
    const open = indexes.filter((i) => i.indexdef.includes("case_status_is_open"));
    expect(open.map((i) => i.indexname).sort()).toEqual(["case_open_by_channel", "case_open_by_priority", "case_open_by_sla"]);
    for (const i of indexes) for (const state of OPEN_CASE_STATES) expect(i.indexdef, i.indexname).not.toContain(`'${state}'`);
  });
});

describe("functions written in the migrations", () => {
  it("each have exactly one live definition, the body of the latest migration that (re)defines it", async () => {
    const defined = functionsInMigrations();
    const latest = new Map(defined.map((f) => [f.name, f]));
    expect(latest.has("post_ledger_transaction")).toBe(true);
    const live = await owner().$queryRaw<{ name: string; src: string }[]>`
      select p.proname as name, p.prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.proname = any(${[...latest.keys()]}::text[])`;
    for (const [name, f] of latest) {
      const mine = live.filter((l) => l.name === name);
      expect(mine.length, `${name}: one live definition (a changed signature must DROP the old one)`).toBe(1);
      expect(mine[0]!.src, `${name}: the live body is the one in ${f.migration}`).toBe(f.body);
    }
  });
});
