// Every place a value sealed with lib/security/crypto.ts (encryptSecret) is stored: the one list
// `npm run keys:reseal` walks to re-seal everything under the current key. A new sealed column (the
// payments work's bank details on payments and suppliers, say) is added HERE, or a key rotation
// would leave it under the old key and lose it when that key is retired. Pure data.
// tests/unit/sealed-columns.test.ts checks every encryptSecret caller is covered.

export type TSealedColumn = {
  table: string;
  column: string;
  /** "tenant": a council's rows (row-level security; re-sealed council by council); "global": no council. */
  scope: "tenant" | "global";
  /** A JSON(B) column holding the sealed text at this path (e.g. answers → "bank-details" → "sealed"). */
  jsonPath?: readonly string[];
  what: string;
};

export const SEALED_COLUMNS: readonly TSealedColumn[] = [
  { table: "User", column: "totpSecretEnc", scope: "global", what: "staff second-factor (TOTP) secrets" },
  { table: "Application", column: "bankDetailsEnc", scope: "tenant", what: "bank details of submitted applications" },
  { table: "Payment", column: "bankDetailsEnc", scope: "tenant", what: "payees' bank details on bank-transfer payments (copied sealed from the application, opened only to write a batch's file)" },
  { table: "ApplicationDraft", column: "answers", scope: "tenant", jsonPath: ["bank-details", "sealed"], what: "bank details on drafts (resident, referrer and officer)" },
  { table: "WebhookEndpoint", column: "secretEnc", scope: "tenant", what: "partner webhook signing secrets" },
  { table: "PaymentVoucher", column: "codeEnc", scope: "tenant", what: "voucher codes issued to residents" },
  { table: "VoucherImportCode", column: "codeEnc", scope: "tenant", what: "voucher codes of a provider's response checked and not yet applied" },
  { table: "Supplier", column: "bankDetailsEnc", scope: "tenant", what: "suppliers' bank details (docs/suppliers.md)" },
  { table: "PaymentBankChange", column: "bankDetailsEnc", scope: "tenant", what: "requested changes of a payment's bank details" },
];
