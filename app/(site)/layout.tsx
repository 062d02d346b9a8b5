import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Footer, Header, PhaseBanner, SkipLink } from "@/components/ui/layout-parts";
import { getSessionUser } from "@/lib/auth/session";
import { demoConveniencesAllowed } from "@/lib/security/request";

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  const nav = [
    ...(user ? [{ href: "/staff", label: "Your councils" }] : []),
    ...(user?.isPlatformOperator ? [{ href: "/platform", label: "Platform" }] : []),
    ...((await demoConveniencesAllowed()) ? [{ href: "/dev/mailbox", label: "Dev mailbox" }] : []),
  ];
  return (
    <>
      <SkipLink />
      <Header homeHref="/" councilName="Money Hub" serviceName="Emergency financial support" nav={nav} signOut={user ? <SignOutButton /> : null} />
      <PhaseBanner phase="beta" feedbackHref="mailto:feedback@moneyhub.invalid" />
      <main id="main-content" className="govuk-width-container govuk-main flex-1" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </>
  );
}
