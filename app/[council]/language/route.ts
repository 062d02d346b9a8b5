import { NextResponse, type NextRequest } from "next/server";
import { readSearchParams } from "@/lib/forms/text";
import { isLocale, LANG_COOKIE } from "@/lib/i18n";
import { servedLocale } from "@/lib/i18n/catalogues";

// The language switcher's target: remembers the choice in a cookie and goes back to the page.
// A plain link (GET), so it works without JavaScript; it only changes a display preference.
export async function GET(request: NextRequest, { params }: { params: Promise<{ council: string }> }) {
  const { council } = await params;
  const query = await readSearchParams(Object.fromEntries(request.nextUrl.searchParams));
  const to = query.to ?? null;
  const back = query.back ?? "";
  // Only back to this council's own pages: never an open redirect.
  const own = /^[a-z0-9-]{1,60}$/.test(council) && new RegExp(`^/${council}([/?]|$)`).test(back) && !back.includes("\\");
  const safeBack = own ? back : `/${/^[a-z0-9-]{1,60}$/.test(council) ? council : ""}`;
  // A relative Location: behind a proxy or on another host name the server's own idea of its
  // origin (http://localhost:3000) is wrong, and the browser resolves a path against the page.
  const response = new NextResponse(null, { status: 303, headers: { Location: safeBack } });
  // Only a language residents are offered (registered, with catalogues).
  if (isLocale(to) && servedLocale(to) === to) response.cookies.set(LANG_COOKIE, to, { path: "/", sameSite: "lax", secure: true, httpOnly: true, maxAge: 365 * 24 * 3600 });
  return response;
}
