import { notFound } from "next/navigation";

// Any other path under a council is a 404 shown inside the council's layout, so staff keep their
// navigation and sign-out (Next.js sends unmatched URLs to the root not-found page otherwise).
export default function UnknownCouncilPage() {
  notFound();
}
