"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { anonymousAction, publicAction } from "@/lib/auth/action-client";
import { MFA_CHALLENGE_COOKIE, secureCookie } from "@/lib/auth/cookies";
import { ZMagicLinkRequest, ZMagicLinkUse, ZSignInCode, ZStaffSignIn } from "@/lib/auth/schemas";
import { endSession, startSession } from "@/lib/auth/session";
import { consumeMagicLink, requestMagicLink, verifyMfaStep, verifyPasswordStep } from "@/lib/auth/sign-in";
import { formError } from "@/lib/forms/form-state";
import { assertSameOrigin } from "@/lib/security/request";

const WRONG_DETAILS = "Enter a correct email address and password. If you have forgotten your password, ask your council admin.";
// One message for both steps: a locked account never says which factor was wrong.
const THROTTLED = "This account is locked for 15 minutes after too many wrong attempts. Wait 15 minutes, then try again.";

export const signInWithPassword = anonymousAction({ schema: ZStaffSignIn, name: "staff sign-in" }, async ({ ip }, input, raw) => {
  const result = await verifyPasswordStep({ ...input, ip });
  switch (result.outcome) {
    case "invalid":
      return formError(WRONG_DETAILS, raw);
    case "throttled":
      return formError(THROTTLED, raw);
    case "mfa-required":
      (await cookies()).set(MFA_CHALLENGE_COOKIE, result.challengeId, { ...secureCookie, maxAge: 300 });
      redirect("/sign-in/code");
    case "signed-in":
      await startSession(result.user, "password");
      redirect("/staff");
  }
});

export const verifySignInCode = anonymousAction({ schema: ZSignInCode, name: "staff sign-in code" }, async ({ ip }, input) => {
  const jar = await cookies();
  const challengeId = jar.get(MFA_CHALLENGE_COOKIE)?.value ?? "";
  const result = await verifyMfaStep({ challengeId, code: input.code, ip });
  if (result.outcome === "invalid-code") return { errors: [{ field: "code", message: "The code is not right. Enter the latest 6-digit code from your authenticator app" }], values: {} };
  jar.delete(MFA_CHALLENGE_COOKIE);
  if (result.outcome === "throttled") return formError(THROTTLED);
  if (result.outcome === "expired") redirect("/sign-in?expired=1");
  await startSession(result.user, "password+totp");
  redirect("/staff");
});

export async function signOut(): Promise<void> {
  await assertSameOrigin();
  await endSession();
  redirect("/signed-out");
}

export const requestPartnerSignInLink = publicAction({ schema: ZMagicLinkRequest, name: "referrer sign-in link" }, async ({ council }, input, raw) => {
  const result = await requestMagicLink(council, input.email);
  if (result.outcome === "domain-not-allowed") {
    return {
      errors: [{ field: "email", message: "Use your work email address. This address is not from one of the council's partner organisations" }],
      values: raw,
    };
  }
  if (result.outcome === "throttled") return formError("You have asked for too many links. Wait 15 minutes, then try again.", raw);
  redirect(`/${council.slug}/partner/sign-in/check-email`);
});

const spendLink = publicAction({ schema: ZMagicLinkUse, name: "referrer magic link" }, async ({ council }, input) => {
  const result = await consumeMagicLink(council, input.token);
  if (result.outcome !== "signed-in") redirect(`/${council.slug}/partner/sign-in/link-problem?reason=${result.outcome}`);
  await startSession(result.user, "magic-link");
  redirect(`/${council.slug}/partner`);
});

/** A button-only form: it always ends in a redirect (malformed links count as invalid). */
export async function spendPartnerSignInLink(councilSlug: string, formData: FormData): Promise<void> {
  await spendLink(councilSlug, { errors: [], values: {} }, formData);
  redirect(`/${encodeURIComponent(councilSlug)}/partner/sign-in/link-problem?reason=invalid`);
}
