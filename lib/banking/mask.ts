// Bank details as everyone but finance sees them: the last 4 digits of the account, the last 2 of
// the sort code. Pure. Who may see them whole (and the audit of each unmasking) is the caller's
// business: lib/auth/permissions.ts and lib/audit.

const DOT = "•";

/** "12345678" → "••••5678"; spaces and dashes ignored; fewer than 5 digits → "••••" (nothing shown). */
export function maskAccount(accountNumber: string): string {
  const d = accountNumber.replace(/\D/g, "");
  return DOT.repeat(4) + (d.length > 4 ? d.slice(-4) : "");
}

/** "30-94-30" → "••-••-30". */
export function maskSortCode(sortCode: string): string {
  const d = sortCode.replace(/\D/g, "");
  return `${DOT.repeat(2)}-${DOT.repeat(2)}-${d.length === 6 ? d.slice(-2) : DOT.repeat(2)}`;
}
