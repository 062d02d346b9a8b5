import { ForbiddenText } from "@/app/forbidden";

// Inside a council, a 403 keeps the council's header, staff navigation and sign-out (its layout).

export default function CouncilForbidden() {
  // A nested forbidden page gets no metadata from Next.js: the title is rendered here.
  return (
    <>
      <title>You do not have access to this page – Money Hub</title>
      <ForbiddenText />
    </>
  );
}
