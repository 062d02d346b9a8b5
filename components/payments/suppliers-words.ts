// The words the supplier and payment pages hand to their forms (messages/en/suppliers.json).
import { getTranslations } from "next-intl/server";
import type { TBankWords, TRevealWords } from "@/components/payments/suppliers-forms";

export async function supplierFormWords(): Promise<{ bank: TBankWords; reveal: TRevealWords; t: Awaited<ReturnType<typeof getTranslations<"suppliers">>> }> {
  const t = await getTranslations("suppliers");
  const bank: TBankWords = {
    accountName: t("bank.accountName"),
    sortCode: t("bank.sortCode"),
    sortCodeHint: t("bank.sortCodeHint"),
    accountNumber: t("bank.accountNumber"),
    accountNumberHint: t("bank.accountNumberHint"),
    rollNumber: t("bank.rollNumber"),
    rollNumberHint: t("bank.rollNumberHint"),
    optional: t("bank.optional"),
  };
  const reveal: TRevealWords = {
    note: t("reveal.note"),
    submit: t("reveal.submit"),
    recorded: t("reveal.recorded"),
    notGiven: t("reveal.notGiven"),
    accountName: bank.accountName,
    sortCode: bank.sortCode,
    accountNumber: bank.accountNumber,
    rollNumber: t("reveal.rollNumber"),
  };
  return { bank, reveal, t };
}
