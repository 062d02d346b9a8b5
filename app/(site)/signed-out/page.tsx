import Link from "next/link";

export const metadata = { title: "You have signed out – Money Hub" };

export default function SignedOutPage() {
  return (
    <>
      <h1>You have signed out</h1>
      <p>
        <Link href="/sign-in">Sign in again</Link>
      </p>
    </>
  );
}
