import "server-only";
import { db } from "@/lib/db/client";

export async function listDevMailbox(to?: string) {
  return db().devMailboxMessage.findMany({
    where: to ? { to: to.trim().toLowerCase() } : undefined,
    orderBy: { createdAt: "desc" },
    take: 50,
  });
}
