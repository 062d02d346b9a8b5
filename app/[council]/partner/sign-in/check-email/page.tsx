import Link from "next/link";

export const metadata = { title: "Check your email – Money Hub" };

export default async function CheckEmailPage({ params }: { params: Promise<{ council: string }> }) {
  const { council } = await params;
  return (
    <div className="md:w-2/3">
      <h1>Check your email</h1>
      <p>If your email address belongs to a partner registered with the council, we have sent you a link to sign in.</p>
      <p>The link works once and expires in 15 minutes.</p>
      <p>
        Not received it after a few minutes? Check your junk folder, then <Link href={`/${council}/partner/sign-in`}>ask for a new link</Link>.
      </p>
    </div>
  );
}
