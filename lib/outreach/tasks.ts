import "server-only";
import { z } from "zod";
import type { TDomainJobs } from "@/lib/jobs/worker";
import { runCampaign } from "@/lib/outreach/campaigns";
import { runCheck, runImport } from "@/lib/outreach/imports";

// Proactive outreach's background jobs (lib/worker assembles every domain's). A payload is
// checked before it is trusted (the jobs table is writable by the app role).

export type TOutreachJobs = {
  /** Check every row of an uploaded list against its mapping, with progress (lib/outreach/imports.ts runCheck). */
  "outreach:check": { tenantId: string; importId: string };
  /** Import a checked list's valid rows in chunks (lib/outreach/imports.ts runImport). */
  "outreach:import": { tenantId: string; importId: string };
  /** Write a campaign's invitations and their messages in chunks (lib/outreach/campaigns.ts runCampaign). */
  "outreach:send": { tenantId: string; campaignId: string };
};

export const outreachJobs: TDomainJobs = {
  tasks: {
    "outreach:check": async (payload: unknown) => {
      const p = z.object({ tenantId: z.uuid(), importId: z.uuid() }).parse(payload);
      await runCheck(p.tenantId, p.importId);
    },
    "outreach:import": async (payload: unknown) => {
      const p = z.object({ tenantId: z.uuid(), importId: z.uuid() }).parse(payload);
      await runImport(p.tenantId, p.importId);
    },
    "outreach:send": async (payload: unknown) => {
      const p = z.object({ tenantId: z.uuid(), campaignId: z.uuid() }).parse(payload);
      await runCampaign(p.tenantId, p.campaignId);
    },
  } satisfies Record<keyof TOutreachJobs, unknown>,
};
