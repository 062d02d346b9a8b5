import { NotFoundText } from "@/app/not-found";

// Inside a council, a 404 keeps the council's header, staff navigation and sign-out (its layout).
export const metadata = { title: "Page not found – Money Hub" };

export default function CouncilNotFound() {
  return <NotFoundText />;
}
