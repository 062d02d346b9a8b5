// The council's Bacs identity and bank account (PaymentSettings, one row per council): what a
// bank batch's file names as the originator. Read and changed by finance (payments:manage) only;
// the account is modulus-checked (lib/banking/modulus.ts) before it is kept; every change audited.
import "server-only";
import { sql as q } from "kysely";
import { actorUserId, councilIdOf, type TActor } from "@/lib/actor";
import { recordAuditSql } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { checkUkBankAccount } from "@/lib/banking/modulus";
import type { TSql } from "@/lib/db/sql";
import { withTenantSql } from "@/lib/db/tenant-scope";
import type { TPaymentSettingsForm } from "@/lib/payments/schemas";

export type TPaymentSettings = {
  serviceUserNumber: string | null;
  serviceUserName: string | null;
  originatingSortCode: string | null;
  originatingAccountNumber: string | null;
  originatingAccountName: string | null;
  bankFileFormat: "STANDARD18" | "CSV";
  lastFileSerial: number;
};

const EMPTY: TPaymentSettings = { serviceUserNumber: null, serviceUserName: null, originatingSortCode: null, originatingAccountNumber: null, originatingAccountName: null, bankFileFormat: "STANDARD18", lastFileSerial: 0 };

/** Each setting a bank batch needs, by the name the settings page gives it. */
export const BANK_SETTING_NAMES = {
  serviceUserNumber: "Bacs service user number",
  serviceUserName: "Service user name",
  originatingSortCode: "Sort code of the council's account",
  originatingAccountNumber: "Account number of the council's account",
  originatingAccountName: "Name of the council's account",
} as const;

/** The settings (all empty when the council has none yet), in the caller's transaction. */
export async function readBankSettings(sql: TSql): Promise<TPaymentSettings> {
  const row = await sql.db
    .selectFrom("PaymentSettings")
    .select(["serviceUserNumber", "serviceUserName", "originatingSortCode", "originatingAccountNumber", "originatingAccountName", "bankFileFormat", "lastFileSerial"])
    .executeTakeFirst();
  return row ? { ...row, bankFileFormat: row.bankFileFormat === "CSV" ? "CSV" : "STANDARD18" } : EMPTY;
}

/** The names of the settings a bank batch needs and the council has not given (none: ready). Pure. */
export function missingBankSettings(s: TPaymentSettings): string[] {
  return (Object.keys(BANK_SETTING_NAMES) as (keyof typeof BANK_SETTING_NAMES)[]).filter((k) => !s[k]?.trim()).map((k) => BANK_SETTING_NAMES[k]);
}

/** The council's settings for the settings page; null without payments:manage. */
export async function readPaymentSettings(actor: TActor): Promise<TPaymentSettings | null> {
  if (!can(actor, "payments:manage")) return null;
  return withTenantSql(councilIdOf(actor), readBankSettings, actorUserId(actor));
}

export type TSavePaymentSettingsResult = { outcome: "saved" } | { outcome: "forbidden" } | { outcome: "invalid"; field: keyof TPaymentSettingsForm; message: string };

/** Keeps the settings (the file serial carries on); a sort code and account that fail the modulus check are refused on the account number. */
export async function savePaymentSettings(actor: TActor, input: TPaymentSettingsForm, ip: string | null): Promise<TSavePaymentSettingsResult> {
  if (!can(actor, "payments:manage")) return { outcome: "forbidden" };
  const checked = checkUkBankAccount({ sortCode: input.originatingSortCode, accountNumber: input.originatingAccountNumber });
  if (!checked.ok) {
    return checked.problem === "sort-code-format"
      ? { outcome: "invalid", field: "originatingSortCode", message: "The sort code must be 6 digits, like 30-99-50" }
      : { outcome: "invalid", field: "originatingAccountNumber", message: "Check the sort code and account number: they are not a valid UK bank account" };
  }
  const tenantId = councilIdOf(actor);
  const values = {
    serviceUserNumber: input.serviceUserNumber,
    serviceUserName: input.serviceUserName.toUpperCase(),
    originatingSortCode: checked.sortCode,
    originatingAccountNumber: checked.accountNumber,
    originatingAccountName: input.originatingAccountName,
    bankFileFormat: input.bankFileFormat,
    updatedAt: q<Date>`now()`,
  };
  await withTenantSql(
    tenantId,
    async (sql) => {
      const before = await readBankSettings(sql);
      await sql.db
        .insertInto("PaymentSettings")
        .values({ tenantId, ...values })
        .onConflict((oc) => oc.column("tenantId").doUpdateSet(values))
        .execute();
      await recordAuditSql(sql, {
        tenantId,
        actor,
        action: "payment-settings.changed",
        entityType: "PaymentSettings",
        entityId: tenantId,
        summary: "Changed the council's Bacs settings and bank account",
        // The council's own account is not a secret, but only its last 4 digits go in the log.
        metadata: {
          serviceUserNumber: { from: before.serviceUserNumber, to: values.serviceUserNumber },
          serviceUserName: { from: before.serviceUserName, to: values.serviceUserName },
          originatingSortCode: { from: before.originatingSortCode, to: values.originatingSortCode },
          originatingAccountLast4: { from: before.originatingAccountNumber?.slice(-4) ?? null, to: values.originatingAccountNumber.slice(-4) },
          bankFileFormat: { from: before.bankFileFormat, to: values.bankFileFormat },
        },
        ip,
      });
    },
    actorUserId(actor),
  );
  return { outcome: "saved" };
}
