import "server-only";
import { actorUserId, type TActor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { loadCaseworkSettings, type TCaseworkSettings } from "@/lib/cases/settings";
import { withTenantSql } from "@/lib/db/tenant-scope";

/** The council's casework settings for the settings page: council admins only (null for anyone else). */
export async function readCaseworkSettings(actor: TActor): Promise<TCaseworkSettings | null> {
  if (!can(actor, "settings:manage")) return null;
  return withTenantSql(actor.council.id, (sql) => loadCaseworkSettings(sql, actor.council.id), actorUserId(actor));
}
