// The shape of lib/: which module may import which, read from the source files' import lines.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(d.name) ? [rel] : [];
  });
}

/** Static imports of "@/…" (dynamic import() is a deliberate lazy edge and is listed apart). */
function importsOf(file: string): { static: string[]; dynamic: string[] } {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const statics = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"@\/([^"]+)"/gms)].map((m) => m[1]!);
  const dynamics = [...text.matchAll(/import\(\s*"@\/([^"]+)"\s*\)/g)].map((m) => m[1]!);
  return { static: statics, dynamic: dynamics };
}

function resolveModule(spec: string): string | null {
  for (const candidate of [`${spec}.ts`, `${spec}.tsx`, `${spec}/index.ts`]) if (fs.existsSync(path.join(root, candidate))) return candidate;
  return null;
}

const libFiles = sourceFiles("lib");
const graph = new Map(libFiles.map((f) => [f, importsOf(f)]));

/**
 * The layers of lib/, bottom first (docs/decisions/0021-layers-and-one-actor.md). A folder may
 * import its own folder and folders of LOWER layers only, never one of its own layer or above.
 * A root file (lib/money.ts) counts as a folder of its own name. A new folder takes its place here.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["generated", "env", "vocabulary", "calendar", "actor", "i18n"],
  ["dates", "money", "db", "banking"],
  ["security", "forms"],
  ["audit", "jobs", "ledger", "timeline"],
  ["notifications", "webhooks"],
  ["tenancy"],
  ["auth"],
  ["people", "partners", "documents"],
  ["applications", "triage", "funds", "platform"],
  ["cases"],
  ["payments"],
  ["awards", "intake", "advice", "information"],
  ["decisions", "assisted", "duplicates", "outreach"],
  ["referrals", "reporting"],
  ["partner-api"],
  ["worker"],
];
const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

/** "lib/cases/queue.ts" → "cases"; "lib/money.ts" → "money". */
function folderOf(libPath: string): string {
  const [, first] = libPath.split("/");
  return first!.replace(/\.tsx?$/, "");
}

/** Every "@/lib/…" a file names: static imports and re-exports (type-only too), side-effect imports, import(). */
function libImportsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"@\/(lib\/[^"]+)"/gms),
    ...text.matchAll(/^\s*import\s+"@\/(lib\/[^"]+)"/gm),
    ...text.matchAll(/import\(\s*"@\/(lib\/[^"]+)"\s*\)/g),
  ];
  return specs.map((m) => m[1]!);
}

/** Folder → folder edges of lib/, each with the files that make it. */
function folderEdges(files: readonly string[], importsOfFile: (f: string) => string[]): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const spec of importsOfFile(file)) {
      const to = folderOf(spec);
      if (to === from) continue;
      const byTarget = edges.get(from) ?? new Map<string, string[]>();
      byTarget.set(to, [...(byTarget.get(to) ?? []), file]);
      edges.set(from, byTarget);
    }
  }
  return edges;
}

/** Imports against the order: to a folder of the same layer or above, or to a folder the order does not know. */
export function layerViolations(edges: Map<string, Map<string, string[]>>): string[] {
  const out: string[] = [];
  for (const [from, targets] of edges)
    for (const [to, files] of targets) {
      const a = layerOf.get(from);
      const b = layerOf.get(to);
      if (a === undefined || b === undefined || b >= a) out.push(`${from} → ${to} (${files.join(", ")})`);
    }
  return out.sort();
}

/** Every cycle a depth-first walk meets, as "a → b → a", over any graph given as node → next nodes. */
export function cyclesIn(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (f: string) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "visiting") {
      cycles.push([...stack.slice(stack.indexOf(f)), f].join(" → "));
      return;
    }
    state.set(f, "visiting");
    stack.push(f);
    for (const n of next(f)) visit(n);
    stack.pop();
    state.set(f, "done");
  };
  for (const f of nodes) visit(f);
  return cycles;
}

export function folderCycles(edges: Map<string, Map<string, string[]>>): string[] {
  return cyclesIn([...edges.keys()].sort(), (f) => edges.get(f)?.keys() ?? []);
}

const libFolders = fs
  .readdirSync(path.join(root, "lib"), { withFileTypes: true })
  .filter((d) => d.isDirectory() || /\.tsx?$/.test(d.name))
  .map((d) => d.name.replace(/\.tsx?$/, ""));
const edges = folderEdges(libFiles, libImportsOf);

describe("lib/ layers (folder level)", () => {
  it("every folder and root file of lib/ has its place in the order, once", () => {
    expect(libFolders.filter((f) => !layerOf.has(f))).toEqual([]);
    const named = LAYERS.flat();
    expect(named.filter((f, i) => named.indexOf(f) !== i)).toEqual([]);
    expect(named.filter((f) => !libFolders.includes(f))).toEqual([]);
  });

  it("a folder imports only folders of lower layers (static, type-only, re-exports and import() alike)", () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it("has no folder cycles", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("the check sees an import against the order, a type-only one and a cycle (so a pass means something)", () => {
    const fake = new Map<string, string[]>([
      ["lib/db/x.ts", ["lib/cases/queue"]],
      ["lib/i18n/y.ts", []],
      ["lib/awards/z.ts", ["lib/decisions/decide-case"]],
      ["lib/decisions/w.ts", ["lib/awards/transition"]],
    ]);
    const fakeEdges = folderEdges([...fake.keys()], (f) => fake.get(f)!);
    expect(layerViolations(fakeEdges)).toEqual(["awards → decisions (lib/awards/z.ts)", "db → cases (lib/db/x.ts)"]);
    expect(folderCycles(fakeEdges)).toEqual(["awards → decisions → awards"]);
    const typeOnly = 'import type { TCaseRow } from "@/lib/cases/transition";\nimport "@/lib/cases/queue";\nconst m = await import("@/lib/cases/queue");';
    const found = [...typeOnly.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"@\/(lib\/[^"]+)"/gms), ...typeOnly.matchAll(/^\s*import\s+"@\/(lib\/[^"]+)"/gm), ...typeOnly.matchAll(/import\(\s*"@\/(lib\/[^"]+)"\s*\)/g)].map((m) => m[1]);
    expect(found).toEqual(["lib/cases/transition", "lib/cases/queue", "lib/cases/queue"]);
  });
});

describe("lib/ imports", () => {
  it("lib/funds does not import lib/applications (shared words are in lib/vocabulary)", () => {
    const offenders = libFiles.filter((f) => f.startsWith("lib/funds/")).flatMap((f) => graph.get(f)!.static.filter((s) => s.startsWith("lib/applications")).map((s) => `${f} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it("lib/ never imports components/ (types used by lib/ live in lib/)", () => {
    const offenders = libFiles.flatMap((f) => [...graph.get(f)!.static, ...graph.get(f)!.dynamic].filter((s) => s.startsWith("components/")).map((s) => `${f} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it("has no import cycles, counting lazy import() edges too (e.g. lib/auth/options ↔ lib/auth/session)", () => {
    const edges = new Map(
      libFiles.map((f) => {
        const { static: s, dynamic: d } = graph.get(f)!;
        return [f, [...s, ...d].filter((x) => x.startsWith("lib/")).map(resolveModule).filter((x): x is string => !!x)];
      }),
    );
    const cycles = cyclesIn(libFiles, (f) => edges.get(f) ?? []);
    expect(cycles).toEqual([]);
  });

  it("pages reach the database only through lib/ (no Prisma or SQL in a route)", () => {
    const routes = sourceFiles("app");
    const offenders = routes.filter((f) => /\b(withTenant|withUser|withPlatform|withTenantSql)\(|\bdb\(\)|\$queryRaw/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
