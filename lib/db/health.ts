import "server-only";
import { sql as q } from "kysely";
import { db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";

/** True when the database answers within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000));
    await Promise.race([prismaSql(db()).db.selectNoFrom(q<number>`1`.as("one")).execute(), timeout]);
    return true;
  } catch {
    return false;
  }
}
