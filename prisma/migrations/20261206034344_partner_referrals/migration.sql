-- Trusted referrers (issue 17): an organisation's contact, each member's training and lead flag,
-- the referrer section of a referral, and who follows a referral now.

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactName" TEXT,
ADD COLUMN     "contactPhone" TEXT;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "organisationLead" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "trainingCompletedOn" DATE,
ADD COLUMN     "trainingExpiresOn" DATE;

-- A training that ends before it starts is a typing mistake, refused here as well as in the form.
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_training_dates" CHECK ("trainingExpiresOn" IS NULL OR "trainingCompletedOn" IS NULL OR "trainingExpiresOn" >= "trainingCompletedOn");

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "referral" JSONB,
ADD COLUMN     "referrerUserId" UUID;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "referrerUserId" UUID;

-- "My referrals": a referrer's own cases, newest first.
CREATE INDEX "Case_tenantId_referrerUserId_receivedAt_idx" ON "Case"("tenantId", "referrerUserId", "receivedAt" DESC) WHERE "referrerUserId" IS NOT NULL;
-- "My organisation's referrals".
CREATE INDEX "Case_tenantId_organisationId_receivedAt_idx" ON "Case"("tenantId", "organisationId", "receivedAt" DESC) WHERE "organisationId" IS NOT NULL;
