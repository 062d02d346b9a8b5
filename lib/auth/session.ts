import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { SESSION_COOKIE, secureCookie } from "@/lib/auth/cookies";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

// This module reads and writes the session token itself (next-auth's encrypted JWT, with the
// same secret), so it does not depend on lib/auth/options.ts: the options import this module
// (single sign-on makes a session), never the other way round.

export type TSessionUser = {
  userId: string;
  email: string;
  name: string;
  isPlatformOperator: boolean;
  sessionId: string;
};

export async function createAuthSession(userId: string, method: string): Promise<string> {
  const maxAgeMs = env().SESSION_MAX_AGE_HOURS * 3600 * 1000;
  const session = await db().authSession.create({
    data: { userId, method, expiresAt: new Date(Date.now() + maxAgeMs) },
  });
  await db().user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  return session.id;
}

/** Signs the browser in: a server-side session row plus next-auth's encrypted session cookie. */
export async function startSession(user: { id: string; email: string; name: string }, method: string): Promise<void> {
  const sid = await createAuthSession(user.id, method);
  const maxAge = env().SESSION_MAX_AGE_HOURS * 3600;
  const token = await encode({ token: { sub: user.id, sid, email: user.email, name: user.name }, secret: env().AUTH_SECRET, maxAge });
  (await cookies()).set(SESSION_COOKIE, token, { ...secureCookie, maxAge });
}

/** Ends the session server-side (so a copied cookie is useless) and clears the cookie. */
export async function endSession(): Promise<void> {
  const user = await getSessionUser();
  if (user) await db().authSession.update({ where: { id: user.sessionId }, data: { revokedAt: new Date() } });
  (await cookies()).delete(SESSION_COOKIE);
}

/**
 * The signed-in user for this request, or null. Checks the server-side session row each time:
 * signed out, expired or deactivated users are out on their very next request.
 */
export const getSessionUser = cache(async (): Promise<TSessionUser | null> => {
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!cookie) return null;
  // decode() checks the encryption and the token's expiry; a forged or stale cookie is no session.
  const token = await decode({ token: cookie, secret: env().AUTH_SECRET }).catch(() => null);
  const sid = typeof token?.sid === "string" ? token.sid : null;
  const uid = typeof token?.sub === "string" ? token.sub : null;
  if (!sid || !uid || !/^[0-9a-f-]{36}$/i.test(sid)) return null;
  const row = await db().authSession.findUnique({ where: { id: sid }, include: { user: true } });
  const now = new Date();
  if (!row || row.userId !== uid || row.revokedAt || row.expiresAt <= now || row.user.deactivatedAt) return null;
  // Touch at most once a minute: cheap enough on every request, precise enough for "last seen".
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db().authSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    isPlatformOperator: row.user.isPlatformOperator,
    sessionId: row.id,
  };
});

/** Ends every session a user has (deactivation, role removal, password reset). */
export async function revokeAllSessions(userId: string): Promise<number> {
  const result = await db().authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count;
}
