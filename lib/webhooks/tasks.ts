import "server-only";
import { z } from "zod";
import type { TDomainJobs } from "@/lib/jobs/worker";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import type { TWebhookJobs } from "@/lib/webhooks/queue";

// The webhooks domain's background jobs (lib/worker assembles every domain's). The payload is
// checked before it is trusted (the jobs table is writable by the app role).
export const webhookJobs: TDomainJobs = {
  tasks: {
    "webhooks:deliver": async (payload: unknown) => {
      await deliverWebhook(z.object({ deliveryId: z.uuid(), tenantId: z.uuid() }).parse(payload));
    },
  } satisfies Record<keyof TWebhookJobs, unknown>,
};
