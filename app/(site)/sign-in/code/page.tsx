import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SignInCodeForm } from "@/components/auth/sign-in-code-form";
import { BackLink } from "@/components/ui/layout-parts";
import { verifySignInCode } from "@/lib/auth/actions";
import { MFA_CHALLENGE_COOKIE } from "@/lib/auth/cookies";

export default async function SignInCodePage() {
  if (!(await cookies()).get(MFA_CHALLENGE_COOKIE)) redirect("/sign-in");
  return (
    <div className="md:w-2/3">
      <BackLink href="/sign-in" />
      <SignInCodeForm action={verifySignInCode} />
    </div>
  );
}
