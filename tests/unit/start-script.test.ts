// `npm start` in demo mode refuses a public address unless DEMO_PUBLIC=1 says so (issue 7,
// finding 2). The real script, run as `npm start` runs it; it stops before starting anything.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function start(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DEMO_|LISTEN_HOST|EMAIL_TRANSPORT|DATABASE_URL)/.test(k)));
  return spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start in demo mode", () => {
  it("will not listen on a public address without DEMO_PUBLIC=1", () => {
    const r = start({ LISTEN_HOST: "0.0.0.0" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("DEMO_PUBLIC=1");
    expect(r.stdout).not.toContain("Embedded PostgreSQL listening");
  });
});
