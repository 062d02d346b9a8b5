import { RevokeForm } from "@/components/reporting/dashboard-forms";
import { Tag } from "@/components/ui/tag";
import type { TFormState } from "@/lib/forms/form-state";
import type words from "@/messages/en/dashboard.json";

type TRow = { id: string; fund: string; period: string; created: string; revoked: boolean };

/** The council's links, newest first, each active one with its revoke button. */
export function ReportShareLinkRows({ links, action, words: w }: { links: TRow[]; action: (prev: TFormState, fd: FormData) => Promise<TFormState>; words: (typeof words)["shared"] }) {
  return (
    <table className="govuk-table" data-testid="share-links">
      <caption className="govuk-table__caption govuk-table__caption--m">{w.caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {[w.fund, w.period, w.created, w.status, ""].map((h, i) => (
            <th key={i} scope="col" className="govuk-table__header">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {links.map((l) => (
          <tr key={l.id} className="govuk-table__row" data-testid="share-link-row">
            <td className="govuk-table__cell">{l.fund}</td>
            <td className="govuk-table__cell">{l.period}</td>
            <td className="govuk-table__cell">{l.created}</td>
            <td className="govuk-table__cell">{l.revoked ? <Tag colour="grey">{w.revoked}</Tag> : <Tag colour="green">{w.active}</Tag>}</td>
            <td className="govuk-table__cell">{l.revoked ? null : <RevokeForm action={action} linkId={l.id} label={`the link for ${l.fund}, ${l.period}`} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
