// `npm run ledger:verify`: recomputes every balance from its postings and checks every ledger
// invariant in every council of the app's database (embedded, or DATABASE_URL). Connects as
// the owner, who sees all councils. With payments (issue 19): money is spent only by payments
// (lib/ledger/verify.ts PAYMENT_CHECKS). Prints a summary; exits 1 on any break.
import pg from "pg";
import { withDatabase } from "@/lib/db/urls";
import { verifyLedger } from "@/lib/ledger/verify";
import { startPostgres } from "./lib/postgres";

const server = await startPostgres({ name: "app", port: Number(process.env.APP_PG_PORT ?? 54329) }, (m) => console.error(`[ledger:verify] ${m}`));
const ownerUrl = server.embedded ? withDatabase(server.ownerUrl, "moneyhub") : server.ownerUrl;
const client = new pg.Client({ connectionString: ownerUrl });
await client.connect();
try {
  const report = await verifyLedger(client);
  console.log(
    `Checked ${report.councils} councils, ${report.funds} funds, ${report.accounts} accounts, ${report.transactions} transactions, ${report.postings} postings, ${report.payments} payments.`,
  );
  if (report.breaks.length === 0) {
    console.log(
      "Ledger OK: every balance equals its postings, every transaction balances, no pot below zero, every commitment inside its fund's period; every payment is one award's, every award's spent money is its one payment that went out, every disbursement names its payment; every fund's own spent is its administration less reversals.",
    );
  } else {
    console.log(`${report.breaks.length} problem(s):`);
    for (const b of report.breaks) console.log(`  council ${b.tenantId}: ${b.check}: ${b.detail}`);
    process.exitCode = 1;
  }
} finally {
  await client.end();
  await server.stop();
}
