import { ForbiddenText } from "@/app/forbidden";

export const metadata = { title: "You do not have access to this page – Money Hub" };

export default function SiteForbidden() {
  return <ForbiddenText />;
}
