import { BatchTable } from "@/components/payments/batch-table";
import { PaymentsTabs } from "@/components/payments/payments-tabs";
import { Pagination } from "@/components/ui/pagination";
import { staffActor } from "@/lib/actor";
import { requireCouncilPermission } from "@/lib/auth/access";
import { readSearchParams } from "@/lib/forms/text";
import { BATCHES_PER_PAGE, listBatches } from "@/lib/payments/queries";
import words from "@/messages/en/payments.json";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const ui = await getTranslations("staffUi");
  return { title: ui("title", { title: words.batches.title }) };
}

/** Every batch, newest first: status, count, total, who made it and who released it. */
export default async function BatchesPage({ params, searchParams }: { params: Promise<{ council: string }>; searchParams: Promise<{ page?: string }> }) {
  const { council: slug } = await params;
  const query = await readSearchParams(searchParams);
  const access = await requireCouncilPermission(slug, "payments:manage");
  const page = Math.max(1, Math.min(10_000, Number.parseInt(query.page ?? "1", 10) || 1));
  const list = (await listBatches(staffActor(access), page))!;
  const pages = Math.max(1, Math.ceil(list.total / BATCHES_PER_PAGE));
  const base = `/${slug}/staff/payments/batches`;
  return (
    <>
      <span className="govuk-caption-l">{access.council.name}</span>
      <h1>{words.title}</h1>
      <PaymentsTabs slug={slug} current={base} />
      <h2 className="govuk-heading-m">{words.batches.title}</h2>
      {list.batches.length ? <BatchTable slug={slug} batches={list.batches} caption={words.batches.caption} /> : <p>{words.batches.none}</p>}
      <Pagination page={page} pages={pages} href={(p) => `${base}?page=${p}`} label={words.batches.paginationLabel} words={words.batches.pagination} />
    </>
  );
}
