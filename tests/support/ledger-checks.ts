// Checks integration tests make of the ledger after an attack: a pot's balances as the database
// holds them, and every invariant of the ledger recomputed from its postings (lib/ledger/verify,
// as `npm run ledger:verify` runs it). Both as the owner, who sees every council.
import pg from "pg";
import { verifyLedger } from "@/lib/ledger/verify";
import { testDb } from "./globals";

export async function potBalances(potId: string) {
  const rows = await testDb().owner.ledgerAccount.findMany({ where: { potId } });
  return Object.fromEntries(rows.map((r) => [r.kind, r.balancePence])) as Record<"AVAILABLE" | "COMMITTED" | "SPENT", bigint>;
}

/** The ledger's breaks (none when it is exact). */
export async function ledgerBreaks() {
  const c = new pg.Client({ connectionString: testDb().ownerUrl });
  await c.connect();
  try {
    return (await verifyLedger(c)).breaks;
  } finally {
    await c.end();
  }
}
