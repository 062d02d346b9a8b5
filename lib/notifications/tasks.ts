import "server-only";
import { z } from "zod";
import type { TDomainJobs } from "@/lib/jobs/worker";
import { checkReceipt } from "@/lib/notifications/check-receipt";
import { deliverMessage } from "@/lib/notifications/deliver-message";
import { sweepOutbox } from "@/lib/notifications/sweep-outbox";

// The notifications domain's background jobs (lib/jobs runs them; lib/worker assembles every
// domain's). A payload is checked before it is trusted (the jobs table is writable by the app role).

/** Each notification task's payload, as it is queued (lib/notifications/enqueue-message.ts, check-receipt.ts). */
export type TNotificationJobs = {
  /** Hand one outbox message to the provider. */
  "notifications:deliver": { messageId: string; tenantId: string | null };
  /** Ask the provider what became of a message it accepted (its `check`-th time): delivered or failed. */
  "notifications:receipt": { messageId: string; tenantId: string | null; check: number };
  /** Re-queue outbox messages whose job was lost (e.g. its worker was killed mid-run). */
  "notifications:sweep": Record<string, never>;
};

export const notificationJobs: TDomainJobs = {
  tasks: {
    "notifications:deliver": async (payload: unknown) => {
      await deliverMessage(z.object({ messageId: z.uuid(), tenantId: z.uuid().nullable() }).parse(payload));
    },
    "notifications:receipt": async (payload: unknown) => {
      await checkReceipt(z.object({ messageId: z.uuid(), tenantId: z.uuid().nullable(), check: z.number().int().min(1) }).parse(payload));
    },
    "notifications:sweep": async () => {
      const n = await sweepOutbox(5 * 60_000);
      if (n) console.warn(`[notifications] re-queued ${n} message(s) that were waiting too long`);
    },
  } satisfies Record<keyof TNotificationJobs, unknown>,
  /** Every minute: re-queue outbox messages whose job was lost. */
  crontab: ["* * * * * notifications:sweep ?max=1"],
  /** A restart after a crash re-queues every waiting message, so it is delivered at once. */
  onStart: [async () => void (await sweepOutbox(0))],
};
