-- Officer-assisted applications (issue 18): an officer's drafts are theirs (several at once, found by
-- id and owner); the application records who entered it and who witnessed the resident's consent.

-- AlterTable
ALTER TABLE "ApplicationDraft" ADD COLUMN     "officerChannel" "ApplicationChannel",
ADD COLUMN     "officerUserId" UUID;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "consentWitnessedAt" TIMESTAMP(3),
ADD COLUMN     "consentWitnessedById" UUID,
ADD COLUMN     "enteredById" UUID;

-- CreateIndex
CREATE INDEX "ApplicationDraft_tenantId_officerUserId_updatedAt_idx" ON "ApplicationDraft"("tenantId", "officerUserId", "updatedAt");


-- An officer's draft names its officer and an officer channel; it is never also a referrer's.
ALTER TABLE "ApplicationDraft" ADD CONSTRAINT "ApplicationDraft_officer_both" CHECK (("officerUserId" IS NULL) = ("officerChannel" IS NULL));
ALTER TABLE "ApplicationDraft" ADD CONSTRAINT "ApplicationDraft_officer_channel" CHECK ("officerChannel" IS NULL OR "officerChannel" IN ('OFFICER_PHONE', 'OFFICER_IN_PERSON'));
ALTER TABLE "ApplicationDraft" ADD CONSTRAINT "ApplicationDraft_one_owner" CHECK ("officerUserId" IS NULL OR "referrerUserId" IS NULL);

-- Only an officer-assisted application names who entered it, and then always who witnessed
-- consent and when. (The bulk demo queue and the bench seed have officer channels without an
-- officer: they are generated rows, not entered through the staff journey.)
ALTER TABLE "Application" ADD CONSTRAINT "Application_officer_entered" CHECK (
  ("enteredById" IS NULL OR "channel" IN ('OFFICER_PHONE', 'OFFICER_IN_PERSON'))
  AND ("enteredById" IS NULL) = ("consentWitnessedById" IS NULL)
  AND ("consentWitnessedById" IS NULL) = ("consentWitnessedAt" IS NULL)
);
