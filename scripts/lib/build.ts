// Builds the Next.js app only when its sources changed since the last build, so `npm start`
// and `npm test` are quick the second time.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./postgres";

const SOURCES = ["app", "components", "lib", "messages", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema"];
const STAMP = path.join(projectRoot, ".next", "moneyhub-build-stamp");

function walk(p: string, out: string[]) {
  if (!fs.existsSync(p)) return;
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    if (p.endsWith(path.join("lib", "generated"))) return;
    for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry), out);
  } else {
    out.push(`${path.relative(projectRoot, p)}:${stat.size}:${stat.mtimeMs}`);
  }
}

function sourceHash(): string {
  const files: string[] = [];
  for (const s of SOURCES) walk(path.join(projectRoot, s), files);
  return createHash("sha256").update(files.join("\n")).digest("hex");
}

export function buildIfNeeded(log: (m: string) => void = console.log): void {
  const hash = sourceHash();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash && fs.existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    log("Build is up to date.");
    return;
  }
  log("Building the app (next build) …");
  execFileSync(path.join(projectRoot, "node_modules", ".bin", "next"), ["build"], {
    cwd: projectRoot,
    stdio: "inherit",
    // The build needs no database; env is checked at run time.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(STAMP, hash);
}
