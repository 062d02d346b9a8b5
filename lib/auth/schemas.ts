import { z } from "zod";
import { zLine } from "@/lib/forms/text";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.com");

export const ZStaffSignIn = z
  .object({
    email: ZEmail,
    password: zLine().min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
  })
  .strict();

export const ZSignInCode = z
  .object({
    code: z
      .string()
      .transform((v) => v.replace(/\s+/g, ""))
      .pipe(zLine().min(1, "Enter the 6-digit code from your authenticator app").regex(/^\d{6}$/, "Enter the code as 6 digits, like 123456")),
  })
  .strict();

export const ZMagicLinkRequest = z.object({ email: ZEmail }).strict();
export const ZMagicLinkUse = z.object({ token: zLine().min(1).max(200) }).strict();

/** NCSC guidance: length over complexity rules; refuse the very common. */
export const ZNewPassword = z
  .string()
  .min(12, "Password must be 12 characters or more")
  .max(200, "Password must be 200 characters or fewer")
  .refine((v) => !/^(password|123456|qwerty)/i.test(v), "Choose a password that is harder to guess");
