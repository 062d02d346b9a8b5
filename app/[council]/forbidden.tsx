import { ForbiddenText } from "@/app/forbidden";

// Inside a council, a 403 keeps the council's header, staff navigation and sign-out (its layout).
export const metadata = { title: "You do not have access to this page – Money Hub" };

export default function CouncilForbidden() {
  return <ForbiddenText />;
}
