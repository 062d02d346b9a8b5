import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge, Tag } from "@/components/ui/tag";
import { Pagination, pageWindow } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { IdentityBar, SubNavigation, Timeline } from "@/components/ui/case-working";
import { SummaryCard, currentNavItem } from "@/components/ui/layout-parts";

// The building blocks render the design systems' markup on the server. (Pages that use them are
// checked with axe in tests/e2e/look-and-feel.spec.ts; those no page uses yet, with the app's CSS,
// in tests/e2e/building-blocks.spec.ts.)

describe("pagination", () => {
  it("lists the first, last and neighbouring pages with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 10)).toEqual([1, 2, null, 10]);
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 9, 10]);
    expect(pageWindow(3, 4)).toEqual([1, 2, 3, 4]);
  });

  it("links previous and next, marks the current page, and is absent for one page", () => {
    const words = { previous: "Previous", next: "Next", page: " page", pageNumber: "Page {page}" };
    const html = renderToStaticMarkup(<Pagination page={2} pages={3} href={(n) => `?page=${n}`} label="Pages" words={words} />);
    expect(html).toContain('class="govuk-pagination"');
    expect(html).toContain('href="?page=1" rel="prev"');
    expect(html).toContain('href="?page=3" rel="next"');
    expect(html).toMatch(/aria-current="page"[^>]*>2<|>2<\/a>/);
    expect(html).toContain('aria-label="Page 3"');
    expect(html).toContain('Previous<span class="govuk-visually-hidden"> page</span>');
    expect(renderToStaticMarkup(<Pagination page={1} pages={1} href={() => ""} label="Pages" words={words} />)).toBe("");
  });
});

describe("table", () => {
  const rows = [{ id: "a", name: "Food", pence: "£1,250.00" }];
  it("right-aligns numeric columns, sends only the columns given, and offers server-side sort links", () => {
    const html = renderToStaticMarkup(
      <Table
        caption="Pots"
        rows={rows}
        rowKey={(r) => r.id}
        sort={{ key: "name", direction: "ascending" }}
        columns={[
          { key: "name", header: "Pot", cell: (r) => r.name, sortHref: "?sort=-name" },
          { key: "amount", header: "Available", numeric: true, cell: (r) => r.pence },
        ]}
      />,
    );
    expect(html).toContain('class="govuk-table__header govuk-table__header--numeric"');
    expect(html).toContain("govuk-table__cell--numeric");
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('href="?sort=-name"');
    expect(html).toContain('<th scope="row"');
    expect(html).not.toContain("undefined");
    expect((html.match(/<td/g) ?? []).length).toBe(1);
  });
});

describe("statuses, cards and case-working patterns", () => {
  it("renders GOV.UK tags and MOJ badges", () => {
    expect(renderToStaticMarkup(<Tag colour="green">Active</Tag>)).toBe('<strong class="govuk-tag govuk-tag--green">Active</strong>');
    expect(renderToStaticMarkup(<Badge colour="red">Urgent</Badge>)).toBe('<strong class="moj-badge moj-badge--red">Urgent</strong>');
  });

  it("renders a timeline newest first as given, with who and when", () => {
    const html = renderToStaticMarkup(
      <Timeline
        label="History"
        by="by"
        events={[
          { id: "2", title: "Award approved", by: "Priya (approver)", at: "24 Nov 2026, 2:05pm" },
          { id: "1", title: "Application received", at: "23 Nov 2026, 9:00am" },
        ]}
      />,
    );
    expect(html.indexOf("Award approved")).toBeLessThan(html.indexOf("Application received"));
    expect(html).toMatch(/class="moj-timeline__byline">by(<!-- -->)? (<!-- -->)?Priya \(approver\)/);
  });

  it("renders an identity bar, sub navigation with the current page, and a summary card", () => {
    expect(renderToStaticMarkup(<IdentityBar title="HKW-7C4K-P2Q9" />)).toContain("moj-identity-bar__title");
    const nav = renderToStaticMarkup(<SubNavigation label="Case" current="/b" items={[{ href: "/a", text: "A" }, { href: "/b", text: "B" }]} />);
    expect(nav).toMatch(/aria-current="page" href="\/b"|href="\/b"[^>]*aria-current="page"/);
    const card = renderToStaticMarkup(<SummaryCard title="Rules" rows={[{ key: "Needs", value: "Food" }]} />);
    expect(card).toContain("govuk-summary-card__title");
    expect(card).toContain("govuk-summary-list__key");
  });

  it("marks the navigation item a page falls under", () => {
    const nav = [
      { href: "/hackwell/staff", label: "Home" },
      { href: "/hackwell/staff/funds", label: "Funds" },
    ];
    expect(currentNavItem(nav, "/hackwell/staff/funds/abc/pots/def?page=2")?.label).toBe("Funds");
    expect(currentNavItem(nav, "/hackwell/staff")?.label).toBe("Home");
    expect(currentNavItem(nav, "/hackwell/staff-other")).toBeUndefined();
  });
});
