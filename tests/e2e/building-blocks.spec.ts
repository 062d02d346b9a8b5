import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

// The back-office building blocks no page renders yet (timeline, identity bar, sub navigation,
// button menu, tags and badges, summary card), rendered server-side to static HTML by React
// (tests/support/building-blocks.tsx) and shown with the app's real compiled CSS, taken from the
// running `next start`, then checked with axe (colour contrast included, so the CSS matters).
// No route in app/ serves them: the page is fulfilled by Playwright at a URL on the app's host,
// so the stylesheets' relative URLs load from the server. The markup is rendered by a tsx child
// process (tests/support/render-building-blocks.ts): Playwright loads specs as ES modules and its
// loader cannot resolve the components' "next/link" import, which tsx and Next resolve.

const BUILDING_BLOCK_IDS = ["identity-bar", "sub-navigation", "button-menu", "tags-and-badges", "summary-card", "timeline"];

function buildingBlocksMarkup(): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/support/render-building-blocks.ts"], { encoding: "utf8", timeout: 30_000 });
}

test("the back-office building blocks pass axe with the app's real CSS", async ({ page }) => {
  await page.goto("/hackwell");
  const stylesheets = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")!));
  expect(stylesheets.length).toBeGreaterThan(0);

  const url = new URL("/__building-blocks", page.url()).toString();
  const html = `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Building blocks</title>${stylesheets
    .map((href) => `<link rel="stylesheet" href="${href}">`)
    .join("")}</head><body class="govuk-template__body"><div class="govuk-width-container">${buildingBlocksMarkup()}</div></body></html>`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(url);

  // Every block is there, and the design systems' CSS really applied to it (not unstyled HTML).
  for (const id of BUILDING_BLOCK_IDS) await expect(page.locator(`#${id}`)).toBeVisible();
  await expect(page.locator(".moj-timeline__item")).toHaveCount(3);
  await expect(page.locator(".moj-sub-navigation__link[aria-current=page]")).toHaveText("Summary");
  const styled = await page.evaluate(() => {
    const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
    return {
      tagColour: style(".govuk-tag--green").backgroundColor,
      badgeTransform: style(".moj-badge").textTransform,
      cardBorder: style(".govuk-summary-card").borderTopStyle,
      buttonShadow: style(".moj-button-menu__item").boxShadow,
      timelineTitle: style(".moj-timeline__title").fontWeight,
    };
  });
  expect(styled.tagColour).not.toBe("rgba(0, 0, 0, 0)");
  expect(styled.badgeTransform).toBe("uppercase");
  expect(styled.cardBorder).toBe("solid");
  expect(styled.buttonShadow).not.toBe("none");
  expect(styled.timelineTitle).toBe("700");

  await expectAccessible(page);
});
