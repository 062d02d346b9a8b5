export const metadata = { title: "This invitation link does not work – Money Hub" };

export default function InvitationUsedPage() {
  return (
    <div className="md:w-2/3">
      <h1>This invitation link does not work</h1>
      <p>It may have been used already, replaced by a newer invitation, or it may have expired (invitations last 7 days).</p>
      <p>Ask your council admin to send you a new invitation.</p>
    </div>
  );
}
