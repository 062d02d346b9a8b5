"use client";
import { signIn } from "next-auth/react";

/** Single sign-on through the council's identity provider (shown only when configured). */
export function SsoButtons({ entra, google }: { entra: boolean; google: boolean }) {
  return (
    <div className="mt-4">
      <h2 className="govuk-heading-s">Or use your organisation&apos;s account</h2>
      {entra ? (
        <button type="button" className="govuk-button govuk-button--secondary mr-4" onClick={() => signIn("azure-ad", { callbackUrl: "/staff" })}>
          Sign in with Microsoft
        </button>
      ) : null}
      {google ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => signIn("google", { callbackUrl: "/staff" })}>
          Sign in with Google
        </button>
      ) : null}
    </div>
  );
}
