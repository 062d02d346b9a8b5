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

export const metadata = { title: "Councils – Money Hub platform" };

export default async function PlatformPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  await requirePlatformOperator();
  const { created } = await readSearchParams(searchParams);
  const councils = await listCouncils();
  return (
    <>
      <h1>Councils on this Money Hub</h1>
      <SuccessBanner>{created ? "Council added. Its first admin has been emailed an invitation." : null}</SuccessBanner>
      <Table
        caption="Councils"
        captionHidden
        rows={councils}
        rowKey={(c) => c.id}
        columns={[
          { key: "name", header: "Council", cell: (c) => c.name },
          {
            key: "slug",
            header: "Web address",
            cell: (c) => (
              <Link href={`/${c.slug}`} className="govuk-link">
                /{c.slug}
              </Link>
            ),
          },
          { key: "status", header: "Status", cell: (c) => (c.status === "ACTIVE" ? <Tag colour="green">Active</Tag> : <Tag colour="red">Suspended</Tag>) },
          { key: "added", header: "Added", nowrap: true, cell: (c) => formatDateShort(c.createdAt) },
        ]}
      />
      <div className="md:w-2/3">
        <CreateCouncilForm action={createCouncilAction} />
      </div>
    </>
  );
}
