import Link from "next/link";
import { Footer, Header, Main, SkipLink } from "@/components/ui/layout-parts";

export const metadata = { title: "You do not have access to this page – Money Hub" };

export default function Forbidden() {
  return (
    <>
      <SkipLink />
      <Header homeHref="/" councilName="Money Hub" serviceName="Emergency financial support" />
      <Main>
        <ForbiddenText />
      </Main>
      <Footer />
    </>
  );
}

/** The words of a 403, shared by this page and the ones inside a council's or the site's layout. */
export function ForbiddenText({ homeHref = "/staff", homeText = "Go to your home page" }: { homeHref?: string; homeText?: string }) {
  return (
    <>
      <h1>You do not have access to this page</h1>
      <p>Your account does not have permission to see this. If you think it should, ask your council admin.</p>
      <p>
        <Link href={homeHref}>{homeText}</Link>
      </p>
    </>
  );
}
