-- Referral portal drafts (issue 17): a referrer's drafts are theirs (several at once, one per family),
-- found by id and owner; the referrer section's answers are kept as typed until sent.

-- AlterTable
ALTER TABLE "ApplicationDraft" ADD COLUMN     "organisationId" UUID,
ADD COLUMN     "referral" JSONB,
ADD COLUMN     "referrerUserId" UUID;

-- CreateIndex
CREATE INDEX "ApplicationDraft_tenantId_referrerUserId_updatedAt_idx" ON "ApplicationDraft"("tenantId", "referrerUserId", "updatedAt");



-- A referral draft names both its member and its organisation; a resident's draft neither.
ALTER TABLE "ApplicationDraft" ADD CONSTRAINT "ApplicationDraft_referrer_both" CHECK (("referrerUserId" IS NULL) = ("organisationId" IS NULL));
