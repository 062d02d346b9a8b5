import { signOut } from "@/lib/auth/actions";

/** A real form, so signing out works without JavaScript. */
export function SignOutButton({ light = true }: { light?: boolean }) {
  return (
    <form action={signOut} className="inline">
      <button type="submit" className={`govuk-link-button font-bold ${light ? "!text-white" : ""}`}>
        Sign out
      </button>
    </form>
  );
}
