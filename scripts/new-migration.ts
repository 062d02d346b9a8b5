// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the existing migrations to the current prisma/schema.
// It diffs the schema as committed (git HEAD, which the landed migrations produce) against the
// schema in the working tree. Diffing a migrated database against the schema would be simpler,
// but the WebAssembly engine cannot introspect one (`--from-config-datasource` prints nothing, so
// every change looked like "nothing to write"), nor make a shadow database for `migrate dev`.
// It still needs a database to name (a scratch one, dropped afterwards).
// Then add by hand what Prisma does not model: RLS policies and grants (docs/decisions/0003),
// and once it is final, `npm run db:checksums` lists it as landed (never edited again).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { withDatabase } from "@/lib/db/urls";
import { schemaEngineEnv } from "./lib/migrate";
import { localSecrets, projectRoot, startPostgres } from "./lib/postgres";
import { prepareDatabase } from "./lib/prepare-database";

/** prisma/schema as committed at HEAD, written to a temporary folder. */
function committedSchemaDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "moneyhub-schema-"));
  const files = execFileSync("git", ["ls-tree", "--name-only", "HEAD", "prisma/schema/"], { cwd: projectRoot, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const file of files) fs.writeFileSync(path.join(dir, path.basename(file)), execFileSync("git", ["show", `HEAD:${file}`], { cwd: projectRoot, encoding: "utf8" }));
  return dir;
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(1);
}
// TEST_PG_PORT: the same embedded test cluster `npm test` uses on this checkout.
const server = await startPostgres({ name: "test", port: Number(process.env.TEST_PG_PORT ?? 54339) });
const scratch = withDatabase(server.ownerUrl, `moneyhub_newmig_${randomUUID().slice(0, 8)}`);
try {
  await prepareDatabase(scratch, localSecrets().appDbPassword, () => {});
  const sql = execFileSync(
    path.join(projectRoot, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema", committedSchemaDir(), "--to-schema", "prisma/schema", "--script"],
    { cwd: projectRoot, env: { ...process.env, ...schemaEngineEnv, DATABASE_URL: scratch }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log(sql);
    console.log("The schema matches the migrations: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(projectRoot, "prisma", "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(projectRoot, dir)}/migration.sql — now add RLS policies and grants for new tenant-owned tables, then list it with \`npm run db:checksums\` before committing.`);
  }
} finally {
  const admin = new pg.Client({ connectionString: withDatabase(server.ownerUrl, "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(scratch).pathname.slice(1)} with (force)`);
  await admin.end();
  await server.stop();
}
