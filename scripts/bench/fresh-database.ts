// Each benchmark's own database: the embedded cluster of profile "bench" (or DATABASE_URL's
// server), the named database dropped and migrated afresh, the local secrets in the environment,
// and the app role's URL in APP_DATABASE_URL. Returns what the bench needs to seed and to stop.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appUrlFromOwnerUrl, withDatabase } from "@/lib/db/urls";
import { localSecrets, startPostgres } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare-database";

export async function freshBenchDatabase(options: { database: string; defaultPort: number; log: (m: string) => void; /** Keep the database if it exists (only migrated). */ keep?: boolean }) {
  const secrets = localSecrets();
  process.env.ENCRYPTION_KEY ??= secrets.encryptionKey;
  process.env.AUTH_SECRET ??= secrets.authSecret;
  const server = await startPostgres({ name: "bench", port: Number(process.env.BENCH_PG_PORT ?? options.defaultPort) }, options.log);
  const admin = new pg.Client({ connectionString: withDatabase(server.ownerUrl, "postgres") });
  await admin.connect();
  if (!options.keep) await admin.query(`drop database if exists ${options.database} with (force)`);
  await admin.end();
  const ownerUrl = withDatabase(server.ownerUrl, options.database);
  const appUrl = appUrlFromOwnerUrl(ownerUrl, secrets.appDbPassword);
  process.env.APP_DATABASE_URL = appUrl;
  await prepareDatabase(ownerUrl, secrets.appDbPassword, options.log);
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
  return { server, ownerUrl, appUrl, owner };
}
