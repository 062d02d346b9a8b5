import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What a client component imports is what the browser downloads. A question page once grew from
// 153 kB to 184 kB of JavaScript (gzip) because the client form code imported lib/i18n for one
// helper, lib/i18n imported every catalogue, a catalogue imported lib/cases/priority.ts, and that
// brought Zod onto the page: the page schemas, meant to load when the browser is idle, loaded with
// the page. This walks the static imports of every "use client" module (type-only imports and
// dynamic import() are free) and fails on any path to what must stay on the server or load later.

const root = path.resolve(import.meta.dirname, "../..");
const FORBIDDEN: { what: string; test: (resolved: string) => boolean }[] = [
  { what: "a catalogue (messages/…): words reach client components as props, picked by their page", test: (p) => p.startsWith("messages/") || p.startsWith("lib/i18n/messages/") },
  { what: "the catalogue loader", test: (p) => p === "lib/i18n/catalogues.ts" || p === "lib/i18n/server.ts" },
  { what: "the page schemas (loaded with import() when the browser is idle)", test: (p) => p === "lib/applications/steps.ts" || p === "lib/applications/schemas.ts" },
  { what: "Zod (only the page schemas' idle-time chunk may carry it)", test: (p) => p === "zod" },
];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (rel !== path.join("lib", "generated")) sourceFiles(rel, out);
    } else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.normalize(path.join(path.dirname(from), spec));
  else return spec.split("/")[0]!.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return base;
}

/** Value imports and re-exports of a module (not `import type`, not `import { type A }` alone, not import()). */
export function valueImports(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+([^;]*?)\s+from\s+["']([^"']+)["']/gm)) {
    const clause = m[2]!.trim();
    if (clause.startsWith("type ")) continue;
    const braces = /^\{([^}]*)\}$/.exec(clause);
    if (braces && braces[1]!.split(",").map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith("type "))) continue;
    specs.push(m[3]!);
  }
  for (const m of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) specs.push(m[1]!);
  return specs;
}

/** Every forbidden module a file reaches, with the chain of imports that reaches it. */
function forbiddenReach(start: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const rule = FORBIDDEN.find((f) => f.test(file));
    if (rule) {
      problems.push(`${[...chain, file].join(" → ")}: ${rule.what}`);
      return;
    }
    if (!/\.(ts|tsx)$/.test(file) || !fs.existsSync(path.join(root, file))) return;
    for (const spec of valueImports(fs.readFileSync(path.join(root, file), "utf8"))) {
      const resolved = resolve(file, spec);
      if (resolved) walk(resolved, [...chain, file]);
    }
  };
  walk(start, []);
  return problems;
}

const clientModules = ["app", "components", "lib"].flatMap((d) => sourceFiles(d)).filter((f) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, f), "utf8")));

describe("what client components may import", () => {
  it("finds the client components (the walk is not vacuous)", () => {
    expect(clientModules).toContain(path.join("components", "applications", "step-form.tsx"));
    expect(clientModules.length).toBeGreaterThan(10);
  });

  it("sees a forbidden import through a chain", () => {
    expect(valueImports(`import { z } from "zod";\nimport type { A } from "x";\nimport { type B } from "y";\nexport { c } from "./c";`)).toEqual(["zod", "./c"]);
  });

  it.each(clientModules)("%s reaches no catalogue, no page schema and no Zod", (file) => {
    expect(forbiddenReach(file)).toEqual([]);
  });
});
