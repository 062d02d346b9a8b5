import Link from "next/link";
import { Footer, Header, SkipLink } from "@/components/ui/layout-parts";

export const metadata = { title: "You do not have access to this page – Money Hub" };

export default function Forbidden() {
  return (
    <>
      <SkipLink />
      <Header homeHref="/" councilName="Money Hub" serviceName="Emergency financial support" />
      <main id="main-content" className="govuk-width-container govuk-main flex-1">
        <h1>You do not have access to this page</h1>
        <p>Your account does not have permission to see this. If you think it should, ask your council admin.</p>
        <p>
          <Link href="/">Go to the Money Hub home page</Link>
        </p>
      </main>
      <Footer />
    </>
  );
}
