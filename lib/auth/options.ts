import "server-only";
import type { NextAuthOptions } from "next-auth";
import AzureADProvider from "next-auth/providers/azure-ad";
import GoogleProvider from "next-auth/providers/google";
import { CALLBACK_COOKIE, CSRF_COOKIE, SESSION_COOKIE, secureCookie } from "@/lib/auth/cookies";
import { createAuthSession } from "@/lib/auth/session";
import { findActiveStaffByEmail } from "@/lib/auth/sign-in";
import { env, ssoProviders } from "@/lib/env";

// next-auth owns the session token (an encrypted JWT) and the OIDC dance for single sign-on.
// Email + password + TOTP and referrer magic links are our own server actions (so they work as
// plain HTML forms with GOV.UK error summaries); they mint the same token via lib/auth/session.
// The token carries the id of a server-side AuthSession row, checked on every request
// (lib/auth/session.ts reads it without these options, so there is no import cycle).

export function authOptions(): NextAuthOptions {
  const e = env();
  const sso = ssoProviders();
  return {
    secret: e.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: e.SESSION_MAX_AGE_HOURS * 3600 },
    cookies: {
      sessionToken: { name: SESSION_COOKIE, options: secureCookie },
      csrfToken: { name: CSRF_COOKIE, options: secureCookie },
      callbackUrl: { name: CALLBACK_COOKIE, options: { ...secureCookie, httpOnly: false } },
    },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      ...(sso.entra
        ? [AzureADProvider({ clientId: e.AZURE_AD_CLIENT_ID!, clientSecret: e.AZURE_AD_CLIENT_SECRET!, tenantId: e.AZURE_AD_TENANT_ID })]
        : []),
      ...(sso.google
        ? [
            GoogleProvider({
              clientId: e.GOOGLE_CLIENT_ID!,
              clientSecret: e.GOOGLE_CLIENT_SECRET!,
              authorization: e.GOOGLE_HOSTED_DOMAIN ? { params: { hd: e.GOOGLE_HOSTED_DOMAIN } } : undefined,
            }),
          ]
        : []),
    ],
    callbacks: {
      // SSO is for existing staff only: the identity provider proves the email, our records say
      // who may come in. Nobody is created by signing in.
      async signIn({ user, account }) {
        if (!account || account.type !== "oauth") return false;
        return Boolean(user.email && (await findActiveStaffByEmail(user.email)));
      },
      async jwt({ token, account, user }) {
        if (account?.type === "oauth" && user?.email) {
          const staff = await findActiveStaffByEmail(user.email);
          if (!staff) return { ...token, sid: undefined };
          const sid = await createAuthSession(staff.id, `sso:${account.provider}`);
          return { sub: staff.id, sid, email: staff.email, name: staff.name };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: token.sid, uid: token.sub };
      },
    },
  };
}
