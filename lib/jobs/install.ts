// Installs (or upgrades) the job queue's schema as the database owner, and lets the app role
// add, take and finish jobs. Run by scripts/lib/prepare-database.ts after the Prisma migrations:
// graphile-worker versions its own schema (docs/decisions/0011).
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";
import { APP_DB_ROLE } from "@/lib/db/urls";

export async function installJobQueue(ownerUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  try {
    await runMigrations({ pgPool: pool, logger: quietLogger });
    await pool.query(`
      grant usage on schema graphile_worker to ${APP_DB_ROLE};
      grant select, insert, update, delete on all tables in schema graphile_worker to ${APP_DB_ROLE};
      grant usage, select on all sequences in schema graphile_worker to ${APP_DB_ROLE};
      grant execute on all functions in schema graphile_worker to ${APP_DB_ROLE};`);
  } finally {
    await pool.end();
  }
}


const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.warn(`[jobs] ${message}`);
});
