// `npm run demo:api-key -- <council-slug> [organisation name]`: makes a partner API key for a
// demo organisation of the council (the first active one with a referrer, or the one named) in
// the app's database (embedded, or DATABASE_URL), and prints it with a curl example. The key is
// shown only here; the database keeps its SHA-256 (lib/partner-api/keys.ts). Revoke it in the
// partner portal (API keys) like any other.
import pg from "pg";
import { withDatabase } from "@/lib/db/urls";
import { newApiKey } from "@/lib/partner-api/keys";
import { curlExamples } from "@/lib/partner-api/reference";
import { startPostgres } from "./lib/postgres";

const [slug, organisationName] = process.argv.slice(2);
if (!slug) {
  console.error("Usage: npm run demo:api-key -- <council-slug> [organisation name]");
  process.exit(1);
}
const server = await startPostgres({ name: "app", port: Number(process.env.APP_PG_PORT ?? 54329) }, (m) => console.error(`[demo:api-key] ${m}`));
const client = new pg.Client({ connectionString: server.embedded ? withDatabase(server.ownerUrl, "moneyhub") : server.ownerUrl });
await client.connect();
try {
  const { rows } = await client.query<{ tenantId: string; organisationId: string; organisation: string; userId: string; council: string }>(
    `select t.id as "tenantId", o.id as "organisationId", o.name as organisation, m."userId", t.name as council
       from "Tenant" t join "Organisation" o on o."tenantId" = t.id
       join "Membership" m on m."tenantId" = t.id and m."organisationId" = o.id and m.role = 'REFERRER' and m.status = 'ACTIVE'
      where t.slug = $1 and o.active and ($2::text is null or o.name = $2)
      order by m."organisationLead" desc, o.name, m."createdAt" limit 1`,
    [slug, organisationName ?? null],
  );
  const found = rows[0];
  if (!found) {
    console.error(`No active partner organisation with a referrer in "${slug}"${organisationName ? ` named "${organisationName}"` : ""}. Is the demo seeded (npm start)?`);
    process.exitCode = 1;
  } else {
    const { key, prefix, hash } = newApiKey();
    await client.query(
      `insert into "ApiKey" (id, "tenantId", "organisationId", name, prefix, "secretHash", "createdByUserId") values (gen_random_uuid(), $1, $2, 'Demo key (npm run demo:api-key)', $3, $4, $5)`,
      [found.tenantId, found.organisationId, prefix, hash, found.userId],
    );
    console.log(`API key for ${found.organisation}, ${found.council} (shown once):\n\n${key}\n`);
    console.log(`Try it (from npm start on http://localhost:3000):\n\nexport MONEY_HUB_API_KEY=${key}\n${curlExamples(slug).post}\n\n${curlExamples(slug).list}\n`);
  }
} finally {
  await client.end();
  await server.stop();
}
