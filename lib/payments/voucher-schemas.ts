// Input for the voucher screens (docs/vouchers.md): strict Zod schemas over the flat form fields.
// Staff screens are English only, so messages are the words themselves, from
// messages/en/vouchers.json `errors`. Pure.
import { z } from "zod";
import { zLine, zText } from "@/lib/forms/text";
import { parsePounds } from "@/lib/money";
import { PAYMENT_METHODS } from "@/lib/payments/lifecycle";
import { VOUCHER_PROVIDER_KINDS } from "@/lib/payments/voucher-csv";
import words from "@/messages/en/vouchers.json";

const e = words.errors;
const expired = { error: e.form.expired };

export const PROVIDER_CHANNELS = ["SMS", "EMAIL"] as const;
export const MIN_CAP_PENCE = 100n;
export const MAX_CAP_PENCE = 100_000_000n;

const providerFields = {
  name: zLine({ error: e.name.required }).trim().min(1, e.name.required).max(80, e.name.tooLong),
  kind: z.enum(VOUCHER_PROVIDER_KINDS as ["CASH", "SUPERMARKET", "ENERGY"], { error: e.kind.required }),
  cap: zLine({ error: e.cap.required })
    .trim()
    .min(1, e.cap.required)
    .refine((v) => v === "" || parsePounds(v) !== null, e.cap.format)
    .transform((v) => parsePounds(v) ?? 0n)
    .refine((p) => p === 0n || (p >= MIN_CAP_PENCE && p <= MAX_CAP_PENCE), e.cap.range),
  expiryDays: zLine({ error: e.expiryDays.required })
    .trim()
    .min(1, e.expiryDays.required)
    .regex(/^\d{1,4}$/, e.expiryDays.format)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 730, e.expiryDays.range),
  "channels-SMS": z.literal("yes").optional(),
  "channels-EMAIL": z.literal("yes").optional(),
};

function withChannels<T extends { "channels-SMS"?: "yes"; "channels-EMAIL"?: "yes" }>(v: T) {
  const { "channels-SMS": sms, "channels-EMAIL": email, ...rest } = v;
  return { ...rest, channels: [...(sms ? ["SMS" as const] : []), ...(email ? ["EMAIL" as const] : [])] };
}

const channelsChosen = (v: { "channels-SMS"?: "yes"; "channels-EMAIL"?: "yes" }) => Boolean(v["channels-SMS"] || v["channels-EMAIL"]);

export const ZVoucherProvider = z
  .object(providerFields)
  .strict()
  .refine(channelsChosen, { message: e.channels.required, path: ["channels"] })
  .transform(withChannels);
export type TVoucherProviderInput = z.output<typeof ZVoucherProvider>;

export const ZVoucherProviderEdit = z
  .object({ providerId: z.uuid(expired), ...providerFields, active: z.enum(["yes", "no"], { error: e.active.required }) })
  .strict()
  .refine(channelsChosen, { message: e.channels.required, path: ["channels"] })
  .transform((v) => {
    const { active, providerId, ...rest } = withChannels(v);
    return { providerId, provider: { ...rest, active: active === "yes" } };
  });

/** How an expired voucher is paid again: "same" (method and provider), another method, or not now. */
export const REISSUE_CHOICES = ["same", ...PAYMENT_METHODS.filter((m) => m !== "SUPPLIER"), "none"] as const;
export type TReissueChoice = (typeof REISSUE_CHOICES)[number];

export const ZCancelExpired = z
  .object({
    paymentId: z.uuid(expired),
    reissueAs: z.enum(REISSUE_CHOICES, { error: e.reissueAs.required }),
    reason: zText({ error: e.reason.required }).trim().min(1, e.reason.required).max(500, e.reason.tooLong),
  })
  .strict();
export type TCancelExpiredInput = z.output<typeof ZCancelExpired>;

export const ZApplyImport = z.object({ importId: z.uuid(expired) }).strict();
