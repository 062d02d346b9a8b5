import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Footer, Header, Main, PhaseBanner, SkipLink } from "@/components/ui/layout-parts";
import { residentPageInfo } from "@/lib/i18n/server";
import { getSessionUser } from "@/lib/auth/session";
import { demoConveniencesAllowed } from "@/lib/security/request";

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  const { path } = await residentPageInfo();
  const nav = [
    ...(user ? [{ href: "/staff", label: "Your councils" }] : []),
    ...(user?.isPlatformOperator ? [{ href: "/platform", label: "Platform" }] : []),
    ...((await demoConveniencesAllowed()) ? [{ href: "/dev/mailbox", label: "Dev mailbox" }] : []),
  ];
  return (
    <>
      <SkipLink />
      <Header homeHref="/" councilName="Money Hub" serviceName="Emergency financial support" nav={nav} currentPath={path} signOut={user ? <SignOutButton /> : null} />
      <PhaseBanner phase="beta" feedbackHref="mailto:feedback@moneyhub.invalid" />
      <Main>{children}</Main>
      <Footer />
    </>
  );
}
