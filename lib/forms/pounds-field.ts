import { z } from "zod";
import { parsePounds } from "@/lib/money";

/**
 * A Zod field for an amount typed in pounds. Its problems are message keys under `key`
 * ("funds.moveAmount" gives "funds.moveAmount.required", ".format", ".min", ".max"); the words,
 * with the limits written out, live in the message files.
 */
export function zPounds(key: string, { min = 1n, max = 100_000_000_000n }: { min?: bigint; max?: bigint } = {}) {
  return z
    .string({ error: `${key}.required` })
    .trim()
    .min(1, `${key}.required`)
    .transform((value, ctx) => {
      const pence = parsePounds(value);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: `${key}.format` });
        return z.NEVER;
      }
      if (pence < min) {
        ctx.addIssue({ code: "custom", message: `${key}.min` });
        return z.NEVER;
      }
      if (pence > max) {
        ctx.addIssue({ code: "custom", message: `${key}.max` });
        return z.NEVER;
      }
      return pence;
    });
}
