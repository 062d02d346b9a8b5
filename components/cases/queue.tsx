import Link from "next/link";
import { PriorityTag, slaTag } from "@/components/cases/case-tags";
import { caseworkWords, STATUS_COLOUR } from "@/components/cases/words";
import { FilterPanel, type TSelectedFilter } from "@/components/ui/case-working";
import { Select, TextInput } from "@/components/ui/fields";
import { Pagination } from "@/components/ui/pagination";
import { Table, type TColumn } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDateShort } from "@/lib/dates";
import { CASE_STATES, isOpenCase, type TCaseState } from "@/lib/cases/lifecycle";
import type { TOption } from "@/lib/cases/options";
import { effectiveStatus, QUEUE_COUNT_CAP, QUEUE_SORTS, type TQueuePage, type TQueueQuery, type TQueueRow } from "@/lib/cases/queue";
import type { TMessages } from "@/lib/i18n";
import { translate } from "@/lib/i18n/translate";
import { APPLICATION_CHANNELS, NEEDS } from "@/lib/vocabulary";
import duplicates from "@/messages/en/duplicates.json";
import info from "@/messages/en/information.json";
import recon from "@/messages/en/reconciliation.json";

// The queue: MOJ filter panel (a plain GET form, so it works without JavaScript and a filtered
// queue can be bookmarked), GOV.UK table of one page of cases, server-side pagination.

type TQueryKey = keyof TQueueQuery;
const KEYS: readonly TQueryKey[] = ["status", "channel", "need", "organisation", "direct", "duplicate", "info", "payment", "assigned", "sla", "q", "sort", "page"];

/** The queue's URL with some of its query changed (undefined removes a key); page resets unless given. */
export function queueHref(base: string, query: TQueueQuery, changes: Partial<Record<TQueryKey, string | number | undefined>>): string {
  const out = new URLSearchParams();
  const next: Partial<Record<TQueryKey, unknown>> = { ...query, page: undefined, ...changes };
  for (const k of KEYS) {
    const v = next[k];
    if (v !== undefined && v !== "" && !(k === "page" && v === 1)) out.set(k, String(v));
  }
  const s = out.toString();
  return s ? `${base}?${s}` : base;
}

export function QueueView({
  base,
  query,
  page,
  m,
  caseworkers,
  organisations,
  now,
}: {
  base: string;
  query: TQueueQuery;
  page: TQueuePage;
  m: TMessages;
  caseworkers: TOption[];
  organisations: TOption[];
  now: Date;
}) {
  const w = caseworkWords(m);
  const c = m.casework;
  const q = m.queue;
  const OPEN_LABEL = q.open;
  const status = effectiveStatus(query);
  const any = { value: "", label: q.any };
  const assignedOptions = [any, { value: "mine", label: c.assignedFilters.mine }, { value: "unassigned", label: c.assignedFilters.unassigned }, ...caseworkers];
  const label = (options: TOption[], v: string | undefined) => options.find((o) => o.value === v)?.label ?? v ?? "";
  const selected: TSelectedFilter[] = [
    { category: q.categories.search, items: query.q ? [{ label: query.q, removeHref: queueHref(base, query, { q: undefined }) }] : [] },
    { category: q.categories.status, items: status !== "all" ? [{ label: status === "open" ? OPEN_LABEL : w.status(status), removeHref: queueHref(base, query, { status: "all" }) }] : [] },
    { category: q.categories.channel, items: query.channel ? [{ label: w.channel(query.channel), removeHref: queueHref(base, query, { channel: undefined }) }] : [] },
    { category: q.categories.need, items: query.need ? [{ label: w.need(query.need), removeHref: queueHref(base, query, { need: undefined }) }] : [] },
    { category: q.categories.organisation, items: query.organisation ? [{ label: label(organisations, query.organisation), removeHref: queueHref(base, query, { organisation: undefined }) }] : [] },
    { category: m.referrals.queue.filter, items: query.direct ? [{ label: m.referrals.queue.directAwards, removeHref: queueHref(base, query, { direct: undefined }) }] : [] },
    { category: duplicates.queue.filter, items: query.duplicate ? [{ label: duplicates.queue.filterOption, removeHref: queueHref(base, query, { duplicate: undefined }) }] : [] },
    { category: info.queue.filter, items: query.info ? [{ label: info.queue[query.info], removeHref: queueHref(base, query, { info: undefined }) }] : [] },
    { category: recon.queue.filter, items: query.payment ? [{ label: recon.queue.filterOption, removeHref: queueHref(base, query, { payment: undefined }) }] : [] },
    { category: q.categories.assigned, items: query.assigned ? [{ label: label(assignedOptions, query.assigned), removeHref: queueHref(base, query, { assigned: undefined }) }] : [] },
    { category: q.categories.sla, items: query.sla ? [{ label: c.slaFilters[query.sla], removeHref: queueHref(base, query, { sla: undefined }) }] : [] },
  ];
  const sort = query.sort ?? "priority";
  const columns: TColumn<TQueueRow>[] = [
    {
      key: "reference",
      header: q.columns.reference,
      nowrap: true,
      cell: (r) => (
        <Link href={`${base}/${r.id}`} className="govuk-link" data-testid="case-link">
          {r.reference}
        </Link>
      ),
    },
    { key: "name", header: q.columns.name, cell: (r) => (r.possibleDuplicate ? <>{r.fullName} <Tag colour="orange" testId="duplicate-tag">{duplicates.queue.tag}</Tag></> : r.fullName) },
    { key: "received", header: q.columns.received, nowrap: true, sortHref: queueHref(base, query, { sort: sort === "oldest" ? "newest" : "oldest" }), cell: (r) => formatDateShort(new Date(r.receivedAt)) },
    {
      key: "priority",
      header: q.columns.priority,
      sortHref: queueHref(base, query, { sort: "priority" }),
      cell: (r) => (
        <>
          <PriorityTag band={r.priorityBand} m={m} />
          <br />
          <span className="govuk-body-s">{w.reasons(r.priorityReasons)}</span>
        </>
      ),
    },
    {
      key: "sla",
      header: q.columns.sla,
      sortHref: queueHref(base, query, { sort: "sla" }),
      cell: (r) => {
        const tag = slaTag({ dueOn: r.slaDueOn, now, running: isOpenCase(r.status as TCaseState), m });
        return (
          <>
            <span className="app-nowrap">{formatDateShort(new Date(`${r.slaDueOn}T12:00:00Z`))}</span>
            {tag ? (
              <>
                <br />
                {tag}
              </>
            ) : null}
          </>
        );
      },
    },
    {
      key: "status",
      header: q.columns.status,
      cell: (r) => (
        <>
          <Tag colour={STATUS_COLOUR[r.status]}>{w.status(r.status)}</Tag>
          {r.informationAnswered ? <Tag colour="green" testId="tag-information-answered">{info.queue.tagAnswered}</Tag> : null}
          {r.informationOverdue ? <Tag colour="red" testId="tag-information-overdue">{info.queue.tagOverdue}</Tag> : null}
          {r.paymentReturned ? <Tag colour="red" testId="tag-payment-returned">{recon.queue.tag}</Tag> : null}
        </>
      ),
    },
    { key: "channel", header: q.columns.channel, cell: (r) => <span className="govuk-body-s">{w.channel(r.channel)}</span> },
    { key: "assigned", header: q.columns.assigned, cell: (r) => r.assignedToName ?? <span className="text-govuk-secondary">{q.unassigned}</span> },
  ];
  const sorted = { priority: { key: "priority", direction: "descending" }, oldest: { key: "received", direction: "ascending" }, newest: { key: "received", direction: "descending" }, sla: { key: "sla", direction: "ascending" } } as const;
  const pages = page.totalCapped ? (page.hasNext ? page.page + 1 : page.page) : Math.max(1, Math.ceil(page.total / page.pageSize));
  const totalText = page.totalCapped ? translate("en", m, "casework.counts.casesCapped", { cap: QUEUE_COUNT_CAP }) : translate("en", m, "casework.counts.cases", { count: page.total });
  return (
    <div>
      <div>
        <FilterPanel
          label={q.filterLabel}
          selected={selected}
          clearHref={base}
          words={m.staffUi.filters}
          moreOpen={Boolean(query.need || query.channel || query.organisation || query.direct || query.duplicate || query.info || query.payment)}
          more={
            <>
              <Select name="need" label={q.categories.need} defaultValue={query.need ?? ""} options={[any, ...NEEDS.map((n) => ({ value: n, label: w.need(n) }))]} />
              <Select name="channel" label={q.categories.channel} defaultValue={query.channel ?? ""} options={[any, ...APPLICATION_CHANNELS.map((ch) => ({ value: ch, label: w.channel(ch) }))]} />
              {organisations.length ? <Select name="organisation" label={q.categories.organisation} defaultValue={query.organisation ?? ""} options={[any, ...organisations]} /> : null}
              <Select name="direct" label={m.referrals.queue.filter} defaultValue={query.direct ?? ""} options={[any, { value: "yes", label: m.referrals.queue.directAwards }]} />
              <Select name="duplicate" label={duplicates.queue.filter} defaultValue={query.duplicate ?? ""} options={[any, { value: "yes", label: duplicates.queue.filterOption }]} />
              <Select name="info" label={info.queue.filter} defaultValue={query.info ?? ""} options={[any, { value: "answered", label: info.queue.answered }, { value: "overdue", label: info.queue.overdue }]} />
              <Select name="payment" label={recon.queue.filter} defaultValue={query.payment ?? ""} options={[any, { value: "returned", label: recon.queue.filterOption }]} />
            </>
          }
        >
          <TextInput name="q" label={q.search} defaultValue={query.q ?? ""} width="10" />
          <Select
            name="status"
            label={q.categories.status}
            defaultValue={status}
            options={[{ value: "all", label: q.any }, { value: "open", label: OPEN_LABEL }, ...CASE_STATES.map((s) => ({ value: s, label: w.status(s) }))]}
          />
          <Select name="assigned" label={q.categories.assigned} defaultValue={query.assigned ?? ""} options={assignedOptions} />
          <Select name="sla" label={q.categories.sla} defaultValue={query.sla ?? ""} options={[any, { value: "breached", label: c.slaFilters.breached }, { value: "due-today", label: c.slaFilters["due-today"] }]} />
          <Select name="sort" label={q.sortBy} defaultValue={sort} options={QUEUE_SORTS.map((s) => ({ value: s, label: c.sorts[s] }))} />
        </FilterPanel>
      </div>
      <div>
        <p className="govuk-body font-bold" data-testid="queue-total">
          {totalText}
        </p>
        {page.rows.length ? (
          <Table caption={q.caption} captionHidden columns={columns} rows={page.rows} rowKey={(r) => r.id} sort={sorted[sort]} small testId="queue-table" />
        ) : (
          <p className="govuk-body" data-testid="queue-empty">
            {q.empty}
          </p>
        )}
        <Pagination page={page.page} pages={pages} href={(p) => queueHref(base, query, { page: p })} label={q.pages} words={m.staffUi.pagination} />
      </div>
    </div>
  );
}
