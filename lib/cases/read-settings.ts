import "server-only";
import { can } from "@/lib/auth/permissions";
import { loadCaseworkSettings, type TCaseworkSettings } from "@/lib/cases/settings";
import type { TCaseActor } from "@/lib/cases/transition";
import { withTenantSql } from "@/lib/db/tenant-scope";

/** The council's casework settings for the settings page: council admins only (null for anyone else). */
export async function readCaseworkSettings(actor: TCaseActor): Promise<TCaseworkSettings | null> {
  if (!can(actor.roles, "settings:manage")) return null;
  return withTenantSql(actor.council.id, (sql) => loadCaseworkSettings(sql, actor.council.id), actor.user.userId);
}
