import Link from "next/link";
import type { ReactNode } from "react";
import { OverrideNote } from "@/components/awards/override-note";
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
import { translate } from "@/lib/i18n/translate";
import type { TPaymentMethod } from "@/lib/payments/lifecycle";
import { PAYMENT_METHOD_WORDS } from "@/lib/payments/words";

// The case file's read-only parts: header (MOJ identity bar), the application as submitted with
// its corrections, the person's history, the awards and the timeline. Server components.

type Words = ReturnType<typeof caseworkWords>;

/** One of the case file's words (messages/en/staff.json `caseFile`), formatted as ICU. */
const say = (m: TMessages, key: string, params: Record<string, string | number> = {}) => translate("en", m, `caseFile.${key}`, params);

/** Labels of the application's answers for staff (the resident's check-your-answers words where they exist). */
export function answerLabel(m: TMessages, path: string): string {
  const rows = m.checkAnswers.rows as Record<string, string>;
  const own = m.caseFile.answerLabels;
  const extra: Record<string, string> = {
    "aboutYou.preferredLanguage": rows.preferredLanguage!,
    "address.line1": own.line1,
    "address.line2": own.line2,
    "address.town": own.town,
    "address.source": own.source,
    "address.lookupId": own.lookupId,
    "household.pregnant": own.pregnant,
    "household.overPensionAge": own.overPensionAge,
    "household.disabilityOrIllness": own.disabilityOrIllness,
    "needs.categories": rows.needs!,
    "needs.rentArrearsPence": rows.rentArrears!,
    "needs.councilTaxArrearsPence": rows.councilTaxArrears!,
    "income.noRecourseToPublicFunds": rows.nrpf!,
    "payment.method": rows.paymentMethod!,
    "payment.bank": rows.bankAccount!,
    "declaration.confirmed": own.declarationConfirmed,
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
  if (typeof value === "boolean") return value ? m.caseFile.yes : m.caseFile.no;
  const options = STEP_FIELD[path] ? optionWords(m).get(STEP_FIELD[path]!) : undefined;
  if (options) return (Array.isArray(value) ? value : [value]).map((v) => options[String(v)] ?? String(v)).join(", ") || m.caseFile.none;
  if (path === "aboutYou.dateOfBirth" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(new Date(`${value}T12:00:00Z`));
  if (path.endsWith("Pence") && typeof value === "number") return w.money(BigInt(value));
  if (path === "needs.categories" && Array.isArray(value)) return value.map((v) => w.need(String(v))).join(", ");
  if (path === "payment.method") return w.paymentMethod(String(value));
  if (path === "payment.bank" && typeof value === "object") {
    const b = value as { accountName?: string; sortCodeLast2?: string; accountNumberLast4?: string };
    return say(m, "bank", { name: b.accountName ?? "", sortCode: b.sortCodeLast2 ?? "??", account: b.accountNumberLast4 ?? "????" });
  }
  if (Array.isArray(value)) return value.length ? value.join(", ") : m.caseFile.none;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function CaseHeader({ page, m, now }: { page: TCasePage; m: TMessages; now: Date }) {
  const w = caseworkWords(m);
  const c = page.file;
  const due = c.slaDueOn;
  const h = m.caseFile.header;
  return (
    <IdentityBar
      title={
        <>
          <span className="govuk-caption-m">{say(m, "header.case", { reference: c.reference })}</span>
          <h1 className="govuk-heading-l mb-2" data-testid="case-name">
            {c.fullName}
          </h1>
        </>
      }
    >
      <dl className="grid gap-x-8 gap-y-2 sm:grid-cols-2 lg:grid-cols-4" data-testid="case-header">
        <div className="lg:col-span-2">
          <dt className="govuk-body-s mb-0 font-bold">{h.needs}</dt>
          <dd className="govuk-body-s ms-0 mb-0" data-testid="case-needs">
            {c.needCategories.map((n) => w.need(n)).join(" · ") || m.common.notProvided}
          </dd>
        </div>
        <div className="lg:col-span-2">
          <dt className="govuk-body-s mb-0 font-bold">{h.priority}</dt>
          <dd className="govuk-body-s ms-0 mb-0">
            <PriorityTag band={c.priorityBand} m={m} /> {w.reasons(c.priorityReasons)}
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">{h.sla}</dt>
          <dd className="govuk-body-s ms-0 mb-0">
            {formatDate(new Date(`${due}T12:00:00Z`))} {slaTag({ dueOn: due, now, running: isOpenCase(c.status as TCaseState), m })}
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">{h.status}</dt>
          <dd className="govuk-body-s ms-0 mb-0" data-testid="case-status">
            <Tag colour={STATUS_COLOUR[c.status]}>{w.status(c.status)}</Tag>
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">{h.assigned}</dt>
          <dd className="govuk-body-s ms-0 mb-0" data-testid="case-assignee">
            {c.assignedTo?.name ?? h.nobody}
          </dd>
        </div>
        <div>
          <dt className="govuk-body-s mb-0 font-bold">{h.channel}</dt>
          <dd className="govuk-body-s ms-0 mb-0" data-testid="case-channel">
            {w.channel(c.channel)}
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
                    <strong>{answerText(m, w, path, corrected.newValue)}</strong> <Tag colour="yellow">{m.caseFile.corrected}</Tag>
                    <br />
                    <span className="govuk-body-s text-govuk-secondary">{say(m, "asSent", { value: answerText(m, w, path, value) })}</span>
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
  const aw = m.caseFile.amendments;
  if (!page.file.amendments.length) return <p className="govuk-body">{aw.none}</p>;
  return (
    <Table
      caption={aw.caption}
      captionHidden
      small
      testId="amendments"
      rows={page.file.amendments}
      rowKey={(a) => a.id}
      columns={[
        { key: "field", header: aw.columns.field, cell: (a) => answerLabel(m, a.field) },
        { key: "old", header: aw.columns.old, cell: (a) => answerText(m, w, a.field, a.oldValue) },
        { key: "new", header: aw.columns.new, cell: (a) => answerText(m, w, a.field, a.newValue) },
        { key: "reason", header: aw.columns.reason, cell: (a) => a.reason },
        { key: "who", header: aw.columns.who, cell: (a) => page.names.get(a.actorUserId) ?? aw.unknown },
        { key: "when", header: aw.columns.when, nowrap: true, cell: (a) => formatDateTimeShort(a.createdAt) },
      ]}
    />
  );
}

export function PersonHistory({ page, m, base }: { page: TCasePage; m: TMessages; base: string }) {
  const w = caseworkWords(m);
  const hw = m.caseFile.history;
  if (!page.history.length) return <p className="govuk-body" data-testid="history-empty">{hw.none}</p>;
  const why = hw.why;
  return (
    <>
    <p className="govuk-body">{hw.intro}</p>
    <Table
      caption={hw.caption}
      captionHidden
      small
      testId="history"
      rows={page.history}
      rowKey={(h) => h.applicationId}
      columns={[
        { key: "ref", header: hw.columns.ref, nowrap: true, cell: (h) => (h.caseId ? <Link href={`${base}/${h.caseId}`}>{h.reference}</Link> : h.reference) },
        { key: "date", header: hw.columns.date, nowrap: true, cell: (h) => formatDateShort(h.submittedAt) },
        { key: "channel", header: hw.columns.channel, cell: (h) => w.channel(h.channel) },
        { key: "status", header: hw.columns.status, cell: (h) => (h.caseStatus ? <Tag colour={STATUS_COLOUR[h.caseStatus]}>{w.status(h.caseStatus)}</Tag> : hw.noCase) },
        {
          key: "awards",
          header: hw.columns.awards,
          cell: (h) =>
            h.awards.length ? (
              <ul className="govuk-list govuk-body-s mb-0">
                {h.awards.map((a, i) => (
                  <li key={i}>
                    {say(m, "history.award", { amount: w.money(a.amountPence), need: w.need(a.needCategory).toLowerCase(), pot: a.potName, status: w.awardStatus(a.status).toLowerCase() })}
                  </li>
                ))}
              </ul>
            ) : (
              hw.noAwards
            ),
        },
        { key: "match", header: hw.columns.match, cell: (h) => h.matchedOn.map((r) => why[r]).join(", ") },
      ]}
    />
    </>
  );
}

export function AwardsTable({ page, m, actions }: { page: TCasePage; m: TMessages; actions?: (awardId: string) => ReactNode }) {
  const w = caseworkWords(m);
  const aw = m.caseFile.awards;
  if (!page.file.awards.length) return <p className="govuk-body">{aw.none}</p>;
  return (
    <Table
      caption={aw.caption}
      captionHidden
      small
      testId="awards"
      rows={page.file.awards}
      rowKey={(a) => a.id}
      columns={[
        { key: "need", header: aw.columns.need, cell: (a) => w.need(a.needCategory) },
        { key: "amount", header: aw.columns.amount, numeric: true, cell: (a) => w.money(a.amountPence) },
        {
          key: "pot",
          header: aw.columns.pot,
          cell: (a) => (
            <>
              {a.pot.name}
              <OverrideNote rules={a.overriddenRules} reason={a.overrideReason} />
            </>
          ),
        },
        { key: "method", header: aw.columns.method, cell: (a) => w.paymentMethod(a.paymentMethod) },
        { key: "status", header: aw.columns.status, cell: (a) => <Tag colour={AWARD_COLOUR[a.status]}>{w.awardStatus(a.status)}</Tag> },
        ...(actions ? [{ key: "actions", header: aw.columns.actions, cell: (a: (typeof page.file.awards)[number]) => actions(a.id) }] : []),
      ]}
    />
  );
}

/** Every event on the case, newest first: timeline events, messages to the resident and the ledger's movements. */
export function caseTimeline(page: TCasePage, m: TMessages): TTimelineEvent[] {
  const w = caseworkWords(m);
  const tw = m.caseFile.timeline;
  const tl = (key: string, params: Record<string, string | number> = {}) => say(m, `timeline.${key}`, params);
  // Payments' timeline lines (issue 19): messages/en/reconciliation.json.
  const rw = (key: string, params: Record<string, string | number>) => translate("en", m, `reconciliation.timeline.${key}`, params);
  const name = (id: unknown) => (typeof id === "string" ? (page.names.get(id) ?? tw.someone) : tw.nobody);
  const reason = (code: unknown) => reasonCodeLabel(page.settings, String(code ?? ""));
  type Item = TTimelineEvent & { time: Date };
  const items: Item[] = page.file.events.map((e) => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    let description: ReactNode = null;
    if (e.kind === "note") description = <p className="govuk-body whitespace-pre-wrap">{String(d.text ?? "")}</p>;
    else if (e.kind === "claimed" || e.kind === "assigned") description = <p className="govuk-body">{tl("assignedTo", { name: name(d.assignedToId) })}</p>;
    else if (e.kind === "unassigned") description = <p className="govuk-body">{tw.backInQueue}</p>;
    else if (e.kind === "amended")
      description = (
        <p className="govuk-body">
          {tl("amended", { field: answerLabel(m, String(d.field)), old: answerText(m, w, String(d.field), d.oldValue), new: answerText(m, w, String(d.field), d.newValue), reason: String(d.reason ?? "") })}
        </p>
      );
    else if (e.kind.startsWith("status.") && d.reasonCode)
      description = (
        <>
          <p className="govuk-body mb-1">{tl("reason", { reason: reason(d.reasonCode) })}</p>
          <p className="govuk-body whitespace-pre-wrap">{tl("residentReads", { explanation: String(d.explanation ?? "") })}</p>
        </>
      );
    else if (e.kind.startsWith("status.") && d.reason) description = <p className="govuk-body">{tl("reason", { reason: String(d.reason) })}</p>;
    else if (e.kind === "information.answered" || (e.kind === "status.request-information" && d.question)) description = <p className="govuk-body whitespace-pre-wrap">{String(d.text ?? d.question ?? "")}</p>;
    else if (e.kind === "document.uploaded") description = <p className="govuk-body break-words">{String(d.name ?? "")}</p>;
    else if (e.kind === "resident.told" || e.kind === "resident.told-payment")
      description = <p className="govuk-body">{d.to ? tl("told", { template: String(d.template), to: String(d.to) }) : tl("notTold", { template: String(d.template) })}</p>;
    else if (e.kind === "payment.pay-again")
      description = <p className="govuk-body">{rw(d.newBankDetails ? "payAgainNewBank" : "payAgain", { reference: String(d.reference ?? ""), method: String(d.methodWords ?? ""), replaces: String(d.replaces ?? "") })}</p>;
    else if (e.kind.startsWith("payment."))
      description = (
        <p className="govuk-body">
          {rw(d.reason ? "paymentReason" : "payment", { reference: String(d.reference ?? ""), amount: w.money(String(d.amountPence ?? "0")), method: PAYMENT_METHOD_WORDS[d.method as TPaymentMethod]?.toLowerCase() ?? String(d.method ?? ""), reason: String(d.reason ?? "") })}
        </p>
      );
    else if (e.kind.startsWith("award."))
      description = (
        <p className="govuk-body">
          {tl(d.reason ? "awardReason" : "award", { amount: w.money(String(d.amountPence ?? "0")), pot: String(d.pot ?? ""), reason: String(d.reason ?? "") })}
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
          {tl(msg.failureReason ? "messageFailed" : "message", { template: msg.template.replace(/-/g, " "), channel: msg.channel, to: msg.to, reason: msg.failureReason ?? "" })}
        </p>
      ),
    });
  }
  const kinds = m.ledger.kinds as Record<string, string>;
  for (const t of page.ledger) {
    items.push({
      id: t.id,
      time: t.createdAt,
      title: tl("ledgerTitle", { ledger: m.casework.events.ledger, kind: kinds[t.kind] ?? t.kind }),
      by: t.actorUserId ? name(t.actorUserId) : undefined,
      at: formatDateTimeShort(t.createdAt),
      description: (
        <p className="govuk-body">
          {t.kind === "DISBURSE" || t.kind === "RECOMMIT"
            ? rw(t.kind === "DISBURSE" ? "disbursed" : "recommitted", { amount: w.money(t.amountPence), pot: t.potName ?? tw.thePot })
            : tl(t.kind === "RELEASE" ? "released" : "committed", { amount: w.money(t.amountPence), pot: t.potName ?? tw.thePot })}
        </p>
      ),
    });
  }
  const received = page.file.application.submittedAt;
  items.push({ id: "received", time: received, title: m.casework.events.received, at: formatDateTimeShort(received), description: <p className="govuk-body">{w.channel(page.file.channel)}</p> });
  return items.sort((a, b) => b.time.getTime() - a.time.getTime()).map((e) => ({ id: e.id, title: e.title, by: e.by, at: e.at, description: e.description }));
}

export function CaseTimeline({ page, m }: { page: TCasePage; m: TMessages }) {
  return <Timeline events={caseTimeline(page, m)} label={m.caseFile.timeline.label} by={m.staffUi.timeline.by} />;
}

export { SummaryList };
