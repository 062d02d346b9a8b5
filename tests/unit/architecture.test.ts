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
      for (const next of edges.get(f) ?? []) visit(next);
      stack.pop();
      state.set(f, "done");
    };
    libFiles.forEach(visit);
    expect(cycles).toEqual([]);
  });

  it("pages reach the database only through lib/ (no Prisma or SQL in a route)", () => {
    const routes = sourceFiles("app");
    const offenders = routes.filter((f) => /\b(withTenant|withUser|withPlatform|withTenantSql)\(|\bdb\(\)|\$queryRaw/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
