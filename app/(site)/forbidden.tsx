import { ForbiddenText } from "@/app/forbidden";


export default function SiteForbidden() {
  // A nested forbidden page gets no metadata from Next.js: the title is rendered here.
  return (
    <>
      <title>You do not have access to this page – Money Hub</title>
      <ForbiddenText />
    </>
  );
}
