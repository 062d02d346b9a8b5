import { signOut } from "@/lib/auth/actions";

/** A real form, so signing out works without JavaScript; it sits in the service navigation. */
export function SignOutButton() {
  return (
    <form action={signOut} className="inline">
      <button type="submit" className="govuk-service-navigation__link cursor-pointer border-0 bg-transparent p-0 font-[inherit] text-[length:inherit] text-govuk-link hover:underline focus:bg-govuk-focus focus:text-govuk-text focus:outline-none" data-testid="sign-out">
        Sign out
      </button>
    </form>
  );
}
