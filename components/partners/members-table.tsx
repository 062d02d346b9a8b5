import type { ReactNode } from "react";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import type { TMemberRow } from "@/lib/partners/queries";

export type TMembersTableWords = {
  caption: string;
  name: string;
  email: string;
  training: string;
  lead: string;
  status: string;
  actions?: string;
  isLead: string;
  notLead: string;
  active: string;
  deactivated: string;
  /** The training's words for a row, already with its date ("Trained until 5 Dec 2027"). */
  trainingText: (m: TMemberRow) => string;
};

/** An organisation's members with their training (expired and untrained shown plainly), lead and status. */
export function MembersTable({ members, words, actions }: { members: readonly TMemberRow[]; words: TMembersTableWords; actions?: (m: TMemberRow) => ReactNode }) {
  const colour = { trained: "green", expired: "red", untrained: "yellow" } as const;
  return (
    <Table
      caption={words.caption}
      testId="members-table"
      rows={members}
      rowKey={(m) => m.membershipId}
      columns={[
        { key: "name", header: words.name, cell: (m) => m.name },
        { key: "email", header: words.email, cell: (m) => <span className="break-all">{m.email}</span> },
        { key: "training", header: words.training, cell: (m) => <Tag colour={colour[m.training]}>{words.trainingText(m)}</Tag> },
        { key: "lead", header: words.lead, cell: (m) => (m.lead ? <Tag colour="blue">{words.isLead}</Tag> : words.notLead) },
        { key: "status", header: words.status, cell: (m) => (m.active ? <Tag colour="green">{words.active}</Tag> : <Tag colour="grey">{words.deactivated}</Tag>) },
        ...(actions && words.actions ? [{ key: "actions", header: words.actions, cell: actions }] : []),
      ]}
    />
  );
}
