// `npm run keys:reseal`: re-seals every sealed value (lib/security/sealed-columns.ts) under the
// current key, ENCRYPTION_KEY_ID, while the app runs. Run it with the app's own key settings
// (ENCRYPTION_KEY / ENCRYPTION_KEYS / ENCRYPTION_KEY_ID) after adding the new key and making it
// current; when it reports nothing left under the old key, the old key can be removed.
// Connects as the owner (DATABASE_URL, or the embedded demo database with its local secrets).
// docs/payments.md "Bank details at rest".
import pg from "pg";
import { appUrlFromOwnerUrl, withDatabase } from "@/lib/db/urls";
import { env } from "@/lib/env";
import { keyring } from "@/lib/security/crypto";
import { countNotCurrent, resealAll } from "@/lib/security/reseal";
import { localSecrets, startPostgres } from "./lib/postgres";

const log = (m: string) => console.error(`[keys:reseal] ${m}`);
const server = await startPostgres({ name: "app", port: Number(process.env.APP_PG_PORT ?? 54329) }, log);
const ownerUrl = server.embedded ? withDatabase(server.ownerUrl, "moneyhub") : server.ownerUrl;
if (server.embedded) {
  // The demo install's own secrets, as `npm start` uses them.
  const secrets = localSecrets();
  process.env.AUTH_SECRET ??= secrets.authSecret;
  process.env.ENCRYPTION_KEY ??= secrets.encryptionKey;
  process.env.APP_DATABASE_URL ??= appUrlFromOwnerUrl(ownerUrl, secrets.appDbPassword);
}
env();
const client = new pg.Client({ connectionString: ownerUrl });
await client.connect();
try {
  const ring = keyring();
  console.log(`Re-sealing under key ${ring.current} (keys configured: ${[...ring.keys.keys()].join(", ")}).`);
  const t = Date.now();
  const counts = await resealAll(client);
  for (const c of counts) {
    console.log(`  ${`${c.table}.${c.column}`.padEnd(40)} re-sealed ${String(c.resealed).padStart(7)}   changed meanwhile ${c.changedMeanwhile}   unreadable ${c.unreadable}`);
  }
  const left = await countNotCurrent(client);
  const total = left.reduce((n, l) => n + l.notCurrent, 0);
  console.log(`Done in ${((Date.now() - t) / 1000).toFixed(1)} s. ${total === 0 ? `Every sealed value is under ${ring.current}: older keys can be removed.` : `${total} value(s) are not under ${ring.current}:`}`);
  for (const l of left.filter((l) => l.notCurrent > 0)) console.log(`  ${l.table}.${l.column}: ${l.notCurrent}`);
  if (total > 0 || counts.some((c) => c.unreadable > 0)) process.exitCode = 1;
} finally {
  await client.end();
  await server.stop();
}
