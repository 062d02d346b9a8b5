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
    // graphile-worker turns row-level security on for its private tables (no policies: closed to
    // all but the owner). Jobs are not council data, so the app role may use every row.
    await pool.query(`
      do $$
      declare t record;
      begin
        for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'graphile_worker' and c.relkind = 'r' and c.relrowsecurity loop
          if not exists (select 1 from pg_policies where schemaname = 'graphile_worker' and tablename = t.relname and policyname = 'app_role_jobs') then
            execute format('create policy app_role_jobs on graphile_worker.%I to ${APP_DB_ROLE} using (true) with check (true)', t.relname);
          end if;
        end loop;
      end $$;`);
  } finally {
    await pool.end();
  }
}


const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.warn(`[jobs] ${message}`);
});
