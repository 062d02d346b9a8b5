-- One way in for an application, from any channel (issue 8; lib/applications/record-application.ts).
-- Written by hand: the data is converted in place, where a generated diff would drop and re-add
-- the columns.

-- The channel becomes an enum that lines up with the pots' access routes (lib/vocabulary).
CREATE TYPE "ApplicationChannel" AS ENUM ('RESIDENT_ONLINE', 'OFFICER_PHONE', 'OFFICER_IN_PERSON', 'REFERRAL_PORTAL', 'REFERRAL_API', 'PROACTIVE_INVITATION');
ALTER TABLE "Application" ALTER COLUMN "channel" DROP DEFAULT;
ALTER TABLE "Application" ALTER COLUMN "channel" TYPE "ApplicationChannel"
  USING (CASE "channel" WHEN 'resident-online' THEN 'RESIDENT_ONLINE' ELSE "channel" END)::"ApplicationChannel";

-- An API referral has no draft. (tenantId, draftId) stays unique: one application per draft.
ALTER TABLE "Application" ALTER COLUMN "draftId" DROP NOT NULL;
-- The foreign key stays ON DELETE RESTRICT (onDelete: Restrict in the schema): a draft with an
-- application is kept.

-- The status is only what the resident's status page says; the case, award and payment get
-- lifecycles of their own (casework issue), which keep this word up to date.
ALTER TYPE "ApplicationStatus" RENAME TO "ResidentStatus";
ALTER TABLE "Application" RENAME COLUMN "status" TO "residentStatus";
ALTER INDEX "Application_tenantId_status_submittedAt_idx" RENAME TO "Application_tenantId_residentStatus_submittedAt_idx";

-- The application is the immutable record of what was sent: the app role may insert it and then
-- change only the resident's status word (and its timestamp).
REVOKE UPDATE ON "Application" FROM moneyhub_app;
GRANT UPDATE ("residentStatus", "updatedAt") ON "Application" TO moneyhub_app;
