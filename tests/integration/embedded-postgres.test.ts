// Starting the embedded PostgreSQL never harms one already running on the same data directory
// (issue 15, hole 8): `npm run ledger:verify` on the default port, with `npm start` running on
// another, deleted the running server's postmaster.pid and started a second postmaster on the
// same files. A real embedded server, in a temporary data directory of its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canConnect, startPostgres, type Server } from "@/scripts/lib/postgres";

// Ports of this checkout's own (see the brief's port plan): the first is where the server runs,
// the second is the "wrong" port a second script asks for.
const PORT = 54453;
const OTHER_PORT = 54493;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "money-hub-pg-lock-"));
const dataDir = path.join(root, "pg");
const pidFile = path.join(dataDir, "postmaster.pid");
const started: Server[] = [];
const logs: string[] = [];
let savedDatabaseUrl: string | undefined;

const start = async (port: number) => {
  const s = await startPostgres({ name: "test", port, dataDir }, (m) => logs.push(m));
  started.push(s);
  return s;
};
const stopAll = async () => {
  for (const s of started.splice(0).reverse()) await s.stop();
};
/**
 * The lock file without its last line, the postmaster's status ("starting", then "ready"), which
 * the running server rewrites itself a moment after it accepts connections: what is compared is
 * whose lock it is (pid, data directory, start time, port, socket, address, shared memory).
 */
const lockIdentity = () => fs.readFileSync(pidFile, "utf8").split("\n").slice(0, 7).join("\n");
const postmasterPid = () => Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const portOf = (url: string) => Number(new URL(url).port);

beforeAll(() => {
  savedDatabaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL; // the embedded path, not "use this server"
  if (process.getuid?.() === 0) fs.chmodSync(root, 0o777);
});

afterAll(async () => {
  await stopAll().catch(() => {});
  if (fs.existsSync(pidFile)) {
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid, "SIGINT");
  }
  if (savedDatabaseUrl !== undefined) process.env.DATABASE_URL = savedDatabaseUrl;
  fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe("the embedded PostgreSQL's lock file", () => {
  it("uses the server already running on the data directory instead of deleting its lock and starting a second", async () => {
    const first = await start(PORT);
    expect(portOf(first.ownerUrl)).toBe(PORT);
    const lockBefore = lockIdentity();
    const pid = postmasterPid();
    expect(alive(pid)).toBe(true);

    const second = await start(OTHER_PORT);
    expect(portOf(second.ownerUrl)).toBe(PORT);
    expect(logs.join("\n")).toContain(`using the PostgreSQL already running on this data directory, port ${PORT}`);
    expect(lockIdentity()).toBe(lockBefore);
    expect(alive(pid)).toBe(true);
    expect(await canConnect(first.ownerUrl)).toBe(true);
    expect(await canConnect(second.ownerUrl.replace(`:${PORT}/`, `:${OTHER_PORT}/`))).toBe(false);
    // The second caller did not start it, so its stop() leaves it running.
    await second.stop();
    expect(alive(pid)).toBe(true);
    expect(await canConnect(first.ownerUrl)).toBe(true);
  }, 180_000);

  it("treats a lock file whose pid now belongs to another program as stale", async () => {
    await stopAll();
    expect(fs.existsSync(pidFile)).toBe(false);
    // This test's own process is alive, but it is not a postgres on this data directory.
    fs.writeFileSync(pidFile, `${process.pid}\n${dataDir}\n1700000000\n${PORT}\n/tmp\n127.0.0.1\n  1234  5678\nready   \n`);
    const again = await start(PORT);
    expect(await canConnect(again.ownerUrl)).toBe(true);
    expect(postmasterPid()).not.toBe(process.pid);
  }, 180_000);

  it("removes a lock file whose process is gone, and starts", async () => {
    await stopAll();
    expect(fs.existsSync(pidFile)).toBe(false);
    // A killed run's lock: a pid that is no longer running (this one has exited).
    const { spawnSync } = await import("node:child_process");
    const gone = spawnSync("true").pid!;
    expect(alive(gone)).toBe(false);
    fs.writeFileSync(pidFile, `${gone}\n${dataDir}\n1700000000\n${PORT}\n/tmp\n127.0.0.1\n  1234  5678\nready   \n`);
    const again = await start(PORT);
    expect(await canConnect(again.ownerUrl)).toBe(true);
    expect(postmasterPid()).not.toBe(gone);
    expect(alive(postmasterPid())).toBe(true);
  }, 180_000);
});
