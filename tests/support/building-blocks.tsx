import Link from "next/link";
import { renderToStaticMarkup } from "react-dom/server";
import { ButtonMenu, IdentityBar, SubNavigation, Timeline } from "@/components/ui/case-working";
import { SummaryCard } from "@/components/ui/layout-parts";
import { Badge, Tag } from "@/components/ui/tag";

// The back-office building blocks that no page renders yet (casework pages come next), rendered
// to static HTML the way a server component renders them, with realistic content, so an e2e spec
// can put them in a page with the app's compiled CSS and check them with axe
// (tests/e2e/building-blocks.spec.ts, through render-building-blocks.ts).

export function buildingBlocksMarkup(): string {
  return renderToStaticMarkup(
    <main className="govuk-main-wrapper" id="main-content">
      <h1 className="govuk-heading-l">Building blocks</h1>
      <section id="identity-bar" aria-labelledby="identity-bar-heading">
        <h2 className="govuk-heading-m" id="identity-bar-heading">Identity bar</h2>
        <IdentityBar title="Application HKW-7K3M-Q9: Sam Taylor">
          <ButtonMenu items={[{ href: "/hackwell/staff/cases/1/approve", text: "Approve" }, { href: "/hackwell/staff/cases/1/refuse", text: "Refuse" }]} />
        </IdentityBar>
      </section>
      <section id="sub-navigation" aria-labelledby="sub-navigation-heading">
        <h2 className="govuk-heading-m" id="sub-navigation-heading">Sub navigation</h2>
        <SubNavigation
          label="Case sections"
          current="/hackwell/staff/cases/1"
          items={[
            { href: "/hackwell/staff/cases/1", text: "Summary" },
            { href: "/hackwell/staff/cases/1/application", text: "Application" },
            { href: "/hackwell/staff/cases/1/history", text: "History" },
          ]}
        />
      </section>
      <section id="button-menu" aria-labelledby="button-menu-heading">
        <h2 className="govuk-heading-m" id="button-menu-heading">Button menu</h2>
        <ButtonMenu
          items={[
            { href: "/hackwell/staff/cases/1/assign", text: "Assign to me" },
            { href: "/hackwell/staff/cases/1/note", text: "Add a note" },
            { href: "/hackwell/staff/cases/1/evidence", text: "Ask for evidence" },
          ]}
        />
      </section>
      <section id="tags-and-badges" aria-labelledby="tags-heading">
        <h2 className="govuk-heading-m" id="tags-heading">Tags and badges</h2>
        <p className="govuk-body">
          <Tag>Received</Tag> <Tag colour="blue">In progress</Tag> <Tag colour="green">Approved</Tag> <Tag colour="red">Refused</Tag> <Tag colour="yellow">Waiting for evidence</Tag>{" "}
          <Tag colour="grey">Closed</Tag> <Tag colour="orange">Due today</Tag> <Tag colour="purple">Referral</Tag> <Tag colour="turquoise">Paid</Tag> <Tag colour="pink">Reopened</Tag>{" "}
          <Tag colour="light-blue">Assigned</Tag>
        </p>
        <p className="govuk-body">
          Cases <Badge>3 new</Badge> <Badge colour="red">Urgent</Badge> <Badge colour="blue">2</Badge> <Badge colour="green">Done</Badge> <Badge colour="grey">Held</Badge> <Badge colour="orange">Late</Badge>{" "}
          <Badge colour="purple">Partner</Badge>
        </p>
      </section>
      <section id="summary-card" aria-labelledby="summary-card-heading">
        <h2 className="govuk-heading-m" id="summary-card-heading">Summary card</h2>
        <SummaryCard
          title="About the household"
          actions={(
            <Link className="govuk-link" href="/hackwell/staff/cases/1/household">
              Change<span className="govuk-visually-hidden"> the household</span>
            </Link>
          )}
          rows={[
            { key: "Adults", value: "2" },
            { key: "Children", value: "3 (ages 0, 4 and 11)" },
            { key: "Needs", value: "Food, Energy and water" },
          ]}
        />
      </section>
      <section id="timeline" aria-labelledby="timeline-heading">
        <h2 className="govuk-heading-m" id="timeline-heading">Timeline</h2>
        <Timeline
          label="What has happened on this case"
          by="by"
          events={[
            { id: "3", title: "Award approved", by: "Priya Shah", at: "24 Nov 2026 at 2:05pm", description: <p className="govuk-body">£120.00 from Food and energy</p> },
            { id: "2", title: "Assigned", by: "Alex Jones", at: "24 Nov 2026 at 11:40am" },
            { id: "1", title: "Application received", by: "Resident (application HKW-7K3M-Q9)", at: "23 Nov 2026 at 9:12pm" },
          ]}
        />
      </section>
    </main>,
  );
}
