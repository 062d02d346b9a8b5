// Two `npm test` runs in one checkout share its embedded PostgreSQL, and the second one's start
// dropped the first one's e2e database mid-run: one run at a time (scripts/lib/run-lock.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireRunLock } from "@/scripts/lib/run-lock";

const lockFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "run-lock-")), "npm-test.lock");

describe("the npm test lock", () => {
  it("lets one run in and tells a second which process holds it; free again once released", () => {
    const file = lockFile();
    const first = acquireRunLock(file);
    expect(() => acquireRunLock(file, process.pid + 1)).toThrow(`another npm test is running in this checkout (process ${process.pid})`);
    first.release();
    expect(fs.existsSync(file)).toBe(false);
    acquireRunLock(file).release();
  });

  it("takes over a lock left by a process that has gone", async () => {
    const file = lockFile();
    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.on("exit", resolve));
    fs.writeFileSync(file, String(deadPid));
    const lock = acquireRunLock(file);
    expect(fs.readFileSync(file, "utf8")).toBe(String(process.pid));
    lock.release();
  });
});
