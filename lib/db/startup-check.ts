import { checkAppRole } from "@/lib/db/role-check";
import { APP_DB_ROLE } from "@/lib/db/urls";
import { env } from "@/lib/env";

/**
 * Refuses to serve if the database role could bypass row-level security: tenant isolation must
 * not depend on every query being right. If the database is down at start-up we serve anyway
 * (/api/health says 503 until it is back) and the check runs again on the next start.
 */
export async function refuseUnsafeDatabaseRole(): Promise<void> {
  let problems: string[];
  try {
    problems = await checkAppRole(env().APP_DATABASE_URL);
  } catch (error) {
    console.warn(`[money-hub] could not check the database role at start-up: ${(error as Error).message}`);
    return;
  }
  if (problems.length) {
    console.error(`[money-hub] refusing to start: ${problems.join("; ")}. Connect as the ${APP_DB_ROLE} role (see README).`);
    process.exit(1);
  }
}
