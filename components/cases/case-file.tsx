import Link from "next/link";
import type { ReactNode } from "react";
import { PriorityTag, slaTag } from "@/components/cases/case-tags";
import { AWARD_COLOUR, caseworkWords, STATUS_COLOUR } from "@/components/cases/words";
import { IdentityBar, Timeline, type TTimelineEvent } from "@/components/ui/case-working";
import { SummaryCard, SummaryList } from "@/components/ui/layout-parts";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { ZAboutYou, ZAddress, ZConsent, ZHousehold, ZHousing, ZIncome, ZNeeds, ZUrgency } from "@/lib/applications/schemas";
import { formatDate, formatDateShort, formatDateTimeShort } from "@/lib/dates";
import type { TCasePage } from "@/lib/cases/case-page";
import { latestCorrections } from "@/lib/cases/corrected-answers";
import { isOpenCase, type TCaseState } from "@/lib/cases/lifecycle";
import { reasonCodeLabel } from "@/lib/cases/settings";
import type { TMessages } from "@/lib/i18n";

// The case file's read-only parts: header (MOJ identity bar), the application as submitted with
// its corrections, the person's history, the awards and the timeline. Server components.

type Words = ReturnType<typeof caseworkWords>;

/** Labels of the application's answers for staff (the resident's check-your-answers words where they exist). */
export function answerLabel(m: TMessages, path: string): string {
  const rows = m.checkAnswers.rows as Record<string, string>;
  const extra: Record<string, string> = {
    "aboutYou.preferredLanguage": rows.preferredLanguage!,
    "address.line1": "Address line 1",
    "address.line2": "Address line 2",
    "address.town": "Town or city",
    "address.source": "Address found by",
    "address.lookupId": "Address lookup id",
    "household.pregnant": "Someone pregnant",
    "household.overPensionAge": "Someone over State Pension age",
    "household.disabilityOrIllness": "Disability or long-term illness",
    "needs.categories": rows.needs!,
    "needs.rentArrearsPence": rows.rentArrears!,
    "needs.councilTaxArrearsPence": rows.councilTaxArrears!,
    "income.noRecourseToPublicFunds": rows.nrpf!,
    "payment.method": rows.paymentMethod!,
    "payment.bank": rows.bankAccount!,
    "declaration.confirmed": "Declaration confirmed",
  };
  const last = path.split(".").pop()!;
  return extra[path] ?? rows[last] ?? last.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
}

/** The resident's own words for a coded answer ("private-rent" → "Renting from a private landlord"), from the application's steps. */
function optionWords(m: TMessages): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const step of Object.values(m.steps as Record<string, { fields?: Record<string, { options?: Record<string, string> }> }>)) {
    for (const [name, field] of Object.entries(step.fields ?? {})) if (field.options) out.set(name, field.options);
  }
  return out;
}
const STEP_FIELD: Record<string, string> = { "income.noRecourseToPublicFunds": "nrpf", "urgency.prepaymentMeter": "prepaymentMeter", "income.employment": "employment", "income.benefits": "benefits", "housing.tenure": "tenure", "aboutYou.preferredLanguage": "preferredLanguage" };

/** An answer as text: yes/no, lists, money in pence, dates, bank details masked as stored. */
export function answerText(m: TMessages, w: Words, path: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return m.common.notProvided;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const options = STEP_FIELD[path] ? optionWords(m).get(STEP_FIELD[path]!) : undefined;
  if (options) return (Array.isArray(value) ? value : [value]).map((v) => options[String(v)] ?? String(v)).join(", ") || "None";
  if (path === "aboutYou.dateOfBirth" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(new Date(`${value}T12:00:00Z`));
  if (path.endsWith("Pence") && typeof value === "number") return w.money(BigInt(value));
  if (path === "needs.categories" && Array.isArray(value)) return value.map((v) => w.need(String(v))).join(", ");
  if (path === "payment.method") return w.paymentMethod(String(value));
  if (path === "payment.bank" && typeof value === "object") {
    const b = value as { accountName?: string; sortCodeLast2?: string; accountNumberLast4?: string };
    return `${b.accountName ?? ""}, sort code ending ${b.sortCodeLast2 ?? "??"}, account ending ${b.accountNumberLast4 ?? "????"}`;
  }
  if (Array.isArray(value)) return value.length ? value.join(", ") : "None";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function CaseHeader({ page, m, now }: { page: TCasePage; m: TMessages; now: Date }) {
  const w = caseworkWords(m);
  const c = page.file;
  const due = c.slaDueOn;
  return (
    <IdentityBar
      title={
        <>
          <span className="govuk-caption-m">Case {c.reference}</span>
          <span className="govuk-heading-l mb-2 block" data-testid="case-name">
            {c.fullName}
          </span>
        </>
      }
    >
      <dl className="grid gap-x-8 gap-y-1 sm:grid-cols-2 lg:grid-cols-4" data-testid="case-header">
        <div>
          <dt className="govuk-body-s mb-0 font-bold">Priority</dt>
          <dd className="govuk-body-s ms-0 mb-0">
            <PriorityTag band={c.priorityBand} m={m} /> {w.reasons(c.priorityReasons)}
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">SLA due</dt>
          <dd className="govuk-body-s ms-0 mb-0">
            {formatDate(new Date(`${due}T12:00:00Z`))} {slaTag({ dueOn: due, now, running: isOpenCase(c.status as TCaseState), m })}
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">Status</dt>
          <dd className="govuk-body-s ms-0 mb-0" data-testid="case-status">
            <Tag colour={STATUS_COLOUR[c.status]}>{w.status(c.status)}</Tag>
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">Assigned to</dt>
          <dd className="govuk-body-s ms-0 mb-0" data-testid="case-assignee">
            {c.assignedTo?.name ?? "Nobody (in the queue)"}
          </dd>
        </div>
      </dl>
    </IdentityBar>
  );
}

/** The application's sections and answers in the order the form asks them (the database keeps JSON keys in its own order). */
const ORDER: Record<string, readonly string[]> = {
  aboutYou: Object.keys(ZAboutYou.shape),
  address: Object.keys(ZAddress.shape).filter((k) => k !== "source" && k !== "lookupId"),
  household: Object.keys(ZHousehold.shape),
  needs: Object.keys(ZNeeds.shape),
  urgency: Object.keys(ZUrgency.shape),
  income: Object.keys(ZIncome.shape),
  housing: Object.keys(ZHousing.shape),
  payment: ["method", "bank"],
  consent: Object.keys(ZConsent.shape),
};

function answersOf(section: string, value: unknown): [string, unknown][] {
  const v = (value ?? {}) as Record<string, unknown>;
  return (ORDER[section] ?? Object.keys(v)).filter((k) => k in v).map((k) => [`${section}.${k}`, v[k]]);
}

/** The application as the resident (or referrer, or officer) sent it; corrections shown beside the original. */
export function ApplicationAnswers({ page, m }: { page: TCasePage; m: TMessages }) {
  const w = caseworkWords(m);
  const data = (page.file.application.data ?? {}) as Record<string, unknown>;
  const sections = m.checkAnswers.sections as Record<string, string>;
  // The newest correction per field (amendments come newest first).
  const latest = latestCorrections(page.file.amendments);
  return (
    <>
      {Object.keys(ORDER)
        .filter((section) => section in data)
        .map((section) => (
          <SummaryCard
            key={section}
            title={sections[section] ?? section}
            rows={answersOf(section, data[section]).map(([path, value]) => {
              const corrected = latest.get(path);
              return {
                key: answerLabel(m, path),
                testId: `answer-${path}`,
                value: corrected ? (
                  <>
                    <strong>{answerText(m, w, path, corrected.newValue)}</strong> <Tag colour="yellow">Corrected</Tag>
                    <br />
                    <span className="govuk-body-s text-govuk-secondary">As sent: {answerText(m, w, path, value)}</span>
                  </>
                ) : (
                  answerText(m, w, path, value)
                ),
              };
            })}
          />
        ))}
    </>
  );
}

export function Amendments({ page, m }: { page: TCasePage; m: TMessages }) {
  const w = caseworkWords(m);
  if (!page.file.amendments.length) return <p className="govuk-body">No answers have been corrected.</p>;
  return (
    <Table
      caption="Corrections to the application"
      captionHidden
      small
      testId="amendments"
      rows={page.file.amendments}
      rowKey={(a) => a.id}
      columns={[
        { key: "field", header: "Answer", cell: (a) => answerLabel(m, a.field) },
        { key: "old", header: "Was", cell: (a) => answerText(m, w, a.field, a.oldValue) },
        { key: "new", header: "Now", cell: (a) => answerText(m, w, a.field, a.newValue) },
        { key: "reason", header: "Reason", cell: (a) => a.reason },
        { key: "who", header: "By", cell: (a) => page.names.get(a.actorUserId) ?? "Unknown" },
        { key: "when", header: "When", nowrap: true, cell: (a) => formatDateTimeShort(a.createdAt) },
      ]}
    />
  );
}

export function PersonHistory({ page, m, base }: { page: TCasePage; m: TMessages; base: string }) {
  const w = caseworkWords(m);
  if (!page.history.length) return <p className="govuk-body" data-testid="history-empty">No other applications from this person (same date of birth and the same name, email or phone).</p>;
  const why = { name: "name", email: "email", phone: "phone" } as const;
  return (
    <>
    <p className="govuk-body">Applications to this council with the same date of birth and the same name, email or phone, in any channel or fund.</p>
    <Table
      caption="Other applications from this person"
      captionHidden
      small
      testId="history"
      rows={page.history}
      rowKey={(h) => h.applicationId}
      columns={[
        { key: "ref", header: "Reference", nowrap: true, cell: (h) => (h.caseId ? <Link href={`${base}/${h.caseId}`}>{h.reference}</Link> : h.reference) },
        { key: "date", header: "Received", nowrap: true, cell: (h) => formatDateShort(h.submittedAt) },
        { key: "channel", header: "Channel", cell: (h) => w.channel(h.channel) },
        { key: "status", header: "Status", cell: (h) => (h.caseStatus ? <Tag colour={STATUS_COLOUR[h.caseStatus]}>{w.status(h.caseStatus)}</Tag> : "No case") },
        {
          key: "awards",
          header: "Awards",
          cell: (h) =>
            h.awards.length ? (
              <ul className="govuk-list govuk-body-s mb-0">
                {h.awards.map((a, i) => (
                  <li key={i}>
                    {w.money(a.amountPence)} {w.need(a.needCategory).toLowerCase()} from {a.potName} ({w.awardStatus(a.status).toLowerCase()})
                  </li>
                ))}
              </ul>
            ) : (
              "None"
            ),
        },
        { key: "match", header: "Same", cell: (h) => h.matchedOn.map((r) => why[r]).join(", ") },
      ]}
    />
    </>
  );
}

export function AwardsTable({ page, m, actions }: { page: TCasePage; m: TMessages; actions?: (awardId: string) => ReactNode }) {
  const w = caseworkWords(m);
  if (!page.file.awards.length) return <p className="govuk-body">No awards on this case.</p>;
  return (
    <Table
      caption="Awards on this case"
      captionHidden
      small
      testId="awards"
      rows={page.file.awards}
      rowKey={(a) => a.id}
      columns={[
        { key: "need", header: "For", cell: (a) => w.need(a.needCategory) },
        { key: "amount", header: "Amount", numeric: true, cell: (a) => w.money(a.amountPence) },
        { key: "pot", header: "Pot", cell: (a) => a.pot.name },
        { key: "method", header: "Paid by", cell: (a) => w.paymentMethod(a.paymentMethod) },
        { key: "status", header: "Status", cell: (a) => <Tag colour={AWARD_COLOUR[a.status]}>{w.awardStatus(a.status)}</Tag> },
        ...(actions ? [{ key: "actions", header: "Actions", cell: (a: (typeof page.file.awards)[number]) => actions(a.id) }] : []),
      ]}
    />
  );
}

/** Every event on the case, newest first: timeline events, messages to the resident and the ledger's movements. */
export function caseTimeline(page: TCasePage, m: TMessages): TTimelineEvent[] {
  const w = caseworkWords(m);
  const name = (id: unknown) => (typeof id === "string" ? (page.names.get(id) ?? "someone") : "nobody");
  const reason = (code: unknown) => reasonCodeLabel(page.settings, String(code ?? ""));
  type Item = TTimelineEvent & { time: Date };
  const items: Item[] = page.file.events.map((e) => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    let description: ReactNode = null;
    if (e.kind === "note") description = <p className="govuk-body whitespace-pre-wrap">{String(d.text ?? "")}</p>;
    else if (e.kind === "claimed" || e.kind === "assigned") description = <p className="govuk-body">Assigned to {name(d.assignedToId)}</p>;
    else if (e.kind === "unassigned") description = <p className="govuk-body">Back in the queue</p>;
    else if (e.kind === "amended")
      description = (
        <p className="govuk-body">
          {answerLabel(m, String(d.field))}: {answerText(m, w, String(d.field), d.oldValue)} → {answerText(m, w, String(d.field), d.newValue)}. Reason: {String(d.reason ?? "")}
        </p>
      );
    else if (e.kind.startsWith("status.") && d.reasonCode)
      description = (
        <>
          <p className="govuk-body mb-1">Reason: {reason(d.reasonCode)}</p>
          <p className="govuk-body whitespace-pre-wrap">The resident reads: {String(d.explanation ?? "")}</p>
        </>
      );
    else if (e.kind.startsWith("status.") && d.reason) description = <p className="govuk-body">Reason: {String(d.reason)}</p>;
    else if (e.kind === "resident.told")
      description = <p className="govuk-body">{d.to ? `Message ${String(d.template)} to ${String(d.to)}` : `Nothing sent (${String(d.template)}): no email or mobile on the application`}</p>;
    else if (e.kind.startsWith("award."))
      description = (
        <p className="govuk-body">
          {w.money(String(d.amountPence ?? "0"))} from {String(d.pot ?? "")}
          {d.reason ? `. Reason: ${String(d.reason)}` : ""}
        </p>
      );
    return { id: e.id, time: e.createdAt, title: w.event(e.kind), by: e.actorUserId ? name(e.actorUserId) : (e.actorLabel ?? undefined), at: formatDateTimeShort(e.createdAt), description };
  });
  for (const msg of page.messages) {
    const title = msg.status === "FAILED" ? m.casework.events.messageFailed : msg.status === "QUEUED" ? m.casework.events.messageQueued : m.casework.events.messageSent;
    items.push({
      id: msg.id,
      time: msg.failedAt ?? msg.sentAt ?? msg.createdAt,
      title,
      at: formatDateTimeShort(msg.failedAt ?? msg.sentAt ?? msg.createdAt),
      description: (
        <p className="govuk-body">
          {msg.template.replace(/-/g, " ")} by {msg.channel === "EMAIL" ? "email" : "text message"} to {msg.to}
          {msg.failureReason ? `. ${msg.failureReason}` : ""}
        </p>
      ),
    });
  }
  const kinds = m.ledger.kinds as Record<string, string>;
  for (const t of page.ledger) {
    items.push({
      id: t.id,
      time: t.createdAt,
      title: `${m.casework.events.ledger}: ${kinds[t.kind] ?? t.kind}`,
      by: t.actorUserId ? name(t.actorUserId) : undefined,
      at: formatDateTimeShort(t.createdAt),
      description: <p className="govuk-body">{`${w.money(t.amountPence)}${t.kind === "RELEASE" ? " back to" : " committed from"} ${t.potName ?? "the pot"}`}</p>,
    });
  }
  const received = page.file.application.submittedAt;
  items.push({ id: "received", time: received, title: m.casework.events.received, at: formatDateTimeShort(received), description: <p className="govuk-body">{w.channel(page.file.channel)}</p> });
  return items.sort((a, b) => b.time.getTime() - a.time.getTime()).map((e) => ({ id: e.id, title: e.title, by: e.by, at: e.at, description: e.description }));
}

export function CaseTimeline({ page, m }: { page: TCasePage; m: TMessages }) {
  return <Timeline events={caseTimeline(page, m)} label="Timeline of the case" />;
}

export { SummaryList };
