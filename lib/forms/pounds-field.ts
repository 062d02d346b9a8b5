import { z } from "zod";
import { formatPence, parsePounds } from "@/lib/money";

/**
 * A Zod field for an amount typed in pounds, with GOV.UK-style messages. `label` completes
 * "Enter the …" (e.g. "amount to allocate").
 */
export function zPounds(label: string, { min = 1n, max = 100_000_000_000n }: { min?: bigint; max?: bigint } = {}) {
  return z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .transform((value, ctx) => {
      const pence = parsePounds(value);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: `The ${label} must be an amount of money, like 250 or 1,250.50` });
        return z.NEVER;
      }
      if (pence < min) {
        ctx.addIssue({ code: "custom", message: `The ${label} must be ${formatPence(min)} or more` });
        return z.NEVER;
      }
      if (pence > max) {
        ctx.addIssue({ code: "custom", message: `The ${label} must be ${formatPence(max)} or less` });
        return z.NEVER;
      }
      return pence;
    });
}
