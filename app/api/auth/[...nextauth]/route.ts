import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own routes: single sign-on (OIDC) redirects and callbacks only.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(authOptions())(req, ctx);

export { handler as GET, handler as POST };
