import Link from "next/link";
import { Footer, Header, SkipLink } from "@/components/ui/layout-parts";

export const metadata = { title: "Page not found – Money Hub" };

export default function NotFound() {
  return (
    <>
      <SkipLink />
      <Header homeHref="/" councilName="Money Hub" serviceName="Emergency financial support" />
      <main id="main-content" className="govuk-width-container govuk-main flex-1">
        <h1>Page not found</h1>
        <p>If you typed the web address, check it is correct.</p>
        <p>If you pasted the web address, check you copied the entire address.</p>
        <p>
          <Link href="/">Find your council</Link>
        </p>
      </main>
      <Footer />
    </>
  );
}
