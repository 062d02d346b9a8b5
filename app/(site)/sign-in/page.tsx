import { readSearchParams } from "@/lib/forms/text";
import { redirect } from "next/navigation";
import { StaffSignInForm } from "@/components/auth/staff-sign-in-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { NotificationBanner } from "@/components/ui/layout-parts";
import { signInWithPassword } from "@/lib/auth/actions";
import { getSessionUser } from "@/lib/auth/session";
import { ssoProviders } from "@/lib/env";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ expired?: string; error?: string }> }) {
  if (await getSessionUser()) redirect("/staff");
  const { expired, error } = await readSearchParams(searchParams);
  const sso = ssoProviders();
  return (
    <div className="md:w-2/3">
      {expired ? (
        <NotificationBanner>
          <p className="mb-0 font-bold">Your sign-in took too long or the code was tried too many times. Sign in again.</p>
        </NotificationBanner>
      ) : null}
      {error ? (
        <NotificationBanner>
          <p className="mb-0 font-bold">We could not sign you in with your organisation&apos;s account. Only existing Money Hub staff can use it.</p>
        </NotificationBanner>
      ) : null}
      <StaffSignInForm action={signInWithPassword} />
      {sso.entra || sso.google ? <SsoButtons entra={sso.entra} google={sso.google} /> : null}
    </div>
  );
}
