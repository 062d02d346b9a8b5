// Prints the building blocks' static HTML (tests/support/building-blocks.tsx). Playwright's own
// loader runs specs as ES modules and cannot resolve "next/link" (no exports map, no extension),
// so the e2e spec renders through tsx, as the project's scripts run, in a child process.
import { buildingBlocksMarkup } from "./building-blocks";

process.stdout.write(buildingBlocksMarkup());
