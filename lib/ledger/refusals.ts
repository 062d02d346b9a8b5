// The ledger's refusals: stable codes raised by the database function (ledger_refuse(),
// migration 20261124210000_ledger_refusal_codes) and the facts that go with them. The code is
// read from the driver's error fields (SQLSTATE ML001, HINT "ledger:<code>", DETAIL a JSON
// object), never from the English text; the words come from the message files (messages.ledger).
// Pure: no database, no server-only (owner-run scripts use it too).
import { format, intlLocale, type TLocale } from "@/lib/i18n";
import type { TMessages } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";
import { formatPence } from "@/lib/money";

export const LEDGER_REFUSAL_SQLSTATE = "ML001";

export const LEDGER_REFUSAL_CODES = ["insufficient", "outside-period", "not-found", "same-pot", "pot-required", "amount", "reason", "key", "key-reused", "admin-cap", "cost-line"] as const;
export type TLedgerRefusalCode = (typeof LEDGER_REFUSAL_CODES)[number];

/** What the database says alongside a code (any of these may be missing). */
export type TLedgerRefusalFacts = {
  fund?: string;
  pot?: string | null;
  /** insufficient: the account the money would have come from. */
  account?: "FUNDER" | "UNALLOCATED" | "AVAILABLE" | "COMMITTED" | "SPENT";
  balancePence?: string;
  /** outside-period: ISO dates. */
  periodStart?: string;
  periodEnd?: string;
  day?: string;
  /** not-found: which thing. */
  what?: "fund" | "pot" | "accounts";
  /** admin-cap: the fund's cap and what is already recorded against it, in pence. */
  capPence?: string;
  usedPence?: string;
};

/** A movement the ledger refused. `message` is the English wording, for logs; show `ledgerRefusalText`. */
export class LedgerRefused extends Error {
  constructor(
    readonly code: TLedgerRefusalCode,
    readonly facts: TLedgerRefusalFacts,
  ) {
    super(ledgerRefusalText({ code, facts }, messagesFor("en")));
    this.name = "LedgerRefused";
  }
}

type TPgFields = { code?: unknown; hint?: unknown; detail?: unknown };

/**
 * The PostgreSQL error fields inside whatever the driver threw: node-postgres throws them on
 * the error itself; Prisma's pg adapter puts them on a DriverAdapterError's cause, which the
 * client may wrap again (meta.driverAdapterError, or cause).
 */
function pgFields(error: unknown, depth = 0): TPgFields | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const e = error as TPgFields & { cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (e.code === LEDGER_REFUSAL_SQLSTATE && typeof e.hint === "string") return e;
  return pgFields(e.cause, depth + 1) ?? pgFields(e.meta?.driverAdapterError, depth + 1);
}

function isCode(value: string): value is TLedgerRefusalCode {
  return (LEDGER_REFUSAL_CODES as readonly string[]).includes(value);
}

/** The ledger's refusal inside a driver error, or null if the error is something else (a bug, an outage). */
export function ledgerRefusalOf(error: unknown): LedgerRefused | null {
  if (error instanceof LedgerRefused) return error;
  const fields = pgFields(error);
  if (!fields) return null;
  const hint = String(fields.hint);
  const code = hint.startsWith("ledger:") ? hint.slice("ledger:".length) : "";
  if (!isCode(code)) return null;
  let facts: TLedgerRefusalFacts = {};
  try {
    const parsed: unknown = typeof fields.detail === "string" ? JSON.parse(fields.detail) : {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) facts = parsed as TLedgerRefusalFacts;
  } catch {
    facts = {};
  }
  return new LedgerRefused(code, facts);
}

const longDate = (iso: string | undefined, locale: TLocale) =>
  iso ? new Date(`${iso}T12:00:00Z`).toLocaleDateString(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }) : "";

/** The user's words for a refusal, in the catalogue's language. */
export function ledgerRefusalText(refusal: Pick<LedgerRefused, "code" | "facts">, m: Pick<TMessages, "ledger">, locale: TLocale = "en"): string {
  const { facts } = refusal;
  const words = m.ledger.refusals;
  switch (refusal.code) {
    case "insufficient":
      if (facts.account === "UNALLOCATED") return format(words.insufficientUnallocated, { fund: facts.fund ?? "" });
      if (facts.account === "AVAILABLE" || !facts.account) return format(words.insufficient, { pot: facts.pot ?? facts.fund ?? "" });
      return format(words.insufficientAccount, {
        pot: facts.pot ?? "",
        account: m.ledger.accounts[facts.account],
        balance: facts.balancePence ? formatPence(BigInt(facts.balancePence)) : "",
      });
    case "outside-period":
      return format(words.outsidePeriod, { fund: facts.fund ?? "", start: longDate(facts.periodStart, locale), end: longDate(facts.periodEnd, locale), day: longDate(facts.day, locale) });
    case "not-found":
      return words.notFound;
    case "same-pot":
      return words.samePot;
    case "pot-required":
      return words.potRequired;
    case "amount":
      return words.amount;
    case "reason":
      return words.reason;
    case "key":
      return words.key;
    case "key-reused":
      return words.keyReused;
    case "admin-cap":
      return format(words.adminCap, {
        fund: facts.fund ?? "",
        cap: facts.capPence ? formatPence(BigInt(facts.capPence)) : "",
        used: facts.usedPence ? formatPence(BigInt(facts.usedPence)) : "",
      });
    case "cost-line":
      return words.costLine;
  }
}
