// Creates a database if needed, applies Prisma migrations as the owner (through our
// WebAssembly schema engine, so nothing is downloaded) and gives the app role a login.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { APP_DB_ROLE, databaseName, withDatabase } from "@/lib/db/urls";
import { projectRoot } from "./postgres";

export const schemaEngineEnv = {
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(projectRoot, "scripts", "prisma", "schema-engine.mjs"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await admin.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

export function migrateDeploy(ownerUrl: string): void {
  execFileSync(path.join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, ...schemaEngineEnv, DATABASE_URL: ownerUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** The role is created by the first migration (NOLOGIN); here it gets a login and password. */
export async function enableAppRoleLogin(ownerUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`alter role ${APP_DB_ROLE} login password '${password.replaceAll("'", "''")}'`);
  } finally {
    await client.end();
  }
}
