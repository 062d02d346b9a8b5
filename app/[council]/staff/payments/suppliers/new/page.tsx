import { SupplierForm } from "@/components/payments/suppliers-forms";
import { supplierFormWords } from "@/components/payments/suppliers-words";
import { BackLink } from "@/components/ui/layout-parts";
import { requireCouncilPermission } from "@/lib/auth/access";
import { addSupplierAction } from "@/lib/payments/supplier-actions";
import { SUPPLIER_KINDS } from "@/lib/payments/supplier-schemas";
import { SUPPLIER_KIND_WORDS } from "@/lib/payments/supplier-words";

export default async function NewSupplierPage({ params }: { params: Promise<{ council: string }> }) {
  const { council: slug } = await params;
  await requireCouncilPermission(slug, "payments:manage");
  const { bank, t } = await supplierFormWords();
  return (
    <div className="md:w-2/3">
      <BackLink href={`/${slug}/staff/payments/suppliers`}>{t("common.suppliers")}</BackLink>
      <SupplierForm
        action={addSupplierAction.bind(null, slug)}
        kinds={SUPPLIER_KINDS.map((value) => ({ value, label: SUPPLIER_KIND_WORDS[value] }))}
        words={{ title: t("add.title"), intro: t("add.intro"), name: t("add.name"), nameHint: t("add.nameHint"), kind: t("add.kind"), bankHeading: t("bank.heading"), submit: t("add.submit"), bank }}
      />
    </div>
  );
}
