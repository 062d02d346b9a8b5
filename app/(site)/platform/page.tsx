import { readSearchParams } from "@/lib/forms/text";
import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDateShort } from "@/lib/dates";
import { CreateCouncilForm } from "@/components/platform/create-council-form";
import { SuccessBanner } from "@/components/ui/layout-parts";
import { requirePlatformOperator } from "@/lib/auth/access";
import { createCouncilAction } from "@/lib/platform/actions";
import { listCouncils } from "@/lib/tenancy/queries";
import { staffMessages } from "@/lib/i18n/catalogues";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  return { title: (await getTranslations("platform"))("title") };
}

export default async function PlatformPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  await requirePlatformOperator();
  const { created } = await readSearchParams(searchParams);
  const councils = await listCouncils();
  const [t, ui] = await Promise.all([getTranslations("platform"), getTranslations("staffUi")]);
  return (
    <>
      <h1>{t("heading")}</h1>
      <SuccessBanner title={ui("success")}>{created ? t("created") : null}</SuccessBanner>
      <Table
        caption={t("caption")}
        captionHidden
        rows={councils}
        rowKey={(c) => c.id}
        columns={[
          { key: "name", header: t("columns.name"), cell: (c) => c.name },
          {
            key: "slug",
            header: t("columns.slug"),
            cell: (c) => (
              <Link href={`/${c.slug}`} className="govuk-link">
                /{c.slug}
              </Link>
            ),
          },
          { key: "status", header: t("columns.status"), cell: (c) => (c.status === "ACTIVE" ? <Tag colour="green">{t("active")}</Tag> : <Tag colour="red">{t("suspended")}</Tag>) },
          { key: "added", header: t("columns.added"), nowrap: true, cell: (c) => formatDateShort(c.createdAt) },
        ]}
      />
      <div className="md:w-2/3">
        <CreateCouncilForm action={createCouncilAction} words={staffMessages().platform.form} />
      </div>
    </>
  );
}
