import Link from "next/link";
import { Footer, Header, Main, SkipLink } from "@/components/ui/layout-parts";

export const metadata = { title: "Page not found – Money Hub" };

export default function NotFound() {
  return (
    <>
      <SkipLink />
      <Header homeHref="/" councilName="Money Hub" serviceName="Emergency financial support" />
      <Main>
        <NotFoundText />
      </Main>
      <Footer />
    </>
  );
}

export function NotFoundText({ homeHref = "/", homeText = "Find your council" }: { homeHref?: string; homeText?: string }) {
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link href={homeHref}>{homeText}</Link>
      </p>
    </>
  );
}
