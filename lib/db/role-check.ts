import pg from "pg";

export type TRoleProblem = string;

/**
 * The app must connect as a role that row-level security applies to: not a superuser, without
 * BYPASSRLS, owning no tables (owners bypass RLS unless FORCEd, and could ALTER the policies).
 * Returns the problems found; empty means safe.
 */
export async function checkAppRole(connectionString: string): Promise<TRoleProblem[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const problems: TRoleProblem[] = [];
    const role = await client.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      "select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    );
    const r = role.rows[0];
    if (!r) return ["cannot read own role"];
    if (r.rolsuper) problems.push(`database role "${r.rolname}" is a superuser`);
    if (r.rolbypassrls) problems.push(`database role "${r.rolname}" has BYPASSRLS`);
    const owned = await client.query<{ n: string }>(
      `select count(*)::text as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and c.relkind in ('r', 'p', 'v', 'm')
         and pg_get_userbyid(c.relowner) = current_user`,
    );
    if (Number(owned.rows[0]?.n ?? 0) > 0) problems.push(`database role "${r.rolname}" owns ${owned.rows[0]?.n} tables`);
    return problems;
  } finally {
    await client.end();
  }
}
