import { NotFoundText } from "@/app/not-found";

// Inside a council, a 404 keeps the council's header, staff navigation and sign-out (its layout).

export default function CouncilNotFound() {
  // A nested not-found page gets no metadata from Next.js: the title is rendered here.
  return (
    <>
      <title>Page not found – Money Hub</title>
      <NotFoundText />
    </>
  );
}
