-- Duplicates and repeats (issue 18, docs/duplicates.md, docs/decisions/0025): matching keys on
-- Application (written once by recordApplication), the queue flag and the original of a closed
-- duplicate on Case, and CaseMatch (tenant-owned: RLS ENABLE + FORCE, composite keys).

-- CreateEnum
CREATE TYPE "CaseMatchState" AS ENUM ('OPEN', 'LINKED_SAME_PERSON', 'LINKED_SAME_HOUSEHOLD', 'DISMISSED');

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "addressKey" TEXT,
ADD COLUMN     "bankHash" TEXT,
ADD COLUMN     "emailKey" TEXT,
ADD COLUMN     "nameKey" TEXT,
ADD COLUMN     "phoneKey" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "duplicateOfCaseId" UUID,
ADD COLUMN     "possibleDuplicate" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CaseMatch" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "matchedCaseId" UUID NOT NULL,
    "reasons" TEXT[],
    "state" "CaseMatchState" NOT NULL DEFAULT 'OPEN',
    "stateReason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(6),
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseMatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseMatch_tenantId_matchedCaseId_idx" ON "CaseMatch"("tenantId", "matchedCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMatch_tenantId_id_key" ON "CaseMatch"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMatch_tenantId_caseId_matchedCaseId_key" ON "CaseMatch"("tenantId", "caseId", "matchedCaseId");

-- CreateIndex
CREATE INDEX "Application_tenantId_nameKey_dateOfBirth_idx" ON "Application"("tenantId", "nameKey", "dateOfBirth");

-- CreateIndex
CREATE INDEX "Application_tenantId_emailKey_idx" ON "Application"("tenantId", "emailKey");

-- CreateIndex
CREATE INDEX "Application_tenantId_phoneKey_idx" ON "Application"("tenantId", "phoneKey");

-- CreateIndex
CREATE INDEX "Application_tenantId_addressKey_idx" ON "Application"("tenantId", "addressKey");

-- CreateIndex
CREATE INDEX "Application_tenantId_bankHash_idx" ON "Application"("tenantId", "bankHash");

-- CreateIndex
CREATE INDEX "Case_tenantId_possibleDuplicate_receivedAt_idx" ON "Case"("tenantId", "possibleDuplicate", "receivedAt");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_tenantId_duplicateOfCaseId_fkey" FOREIGN KEY ("tenantId", "duplicateOfCaseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMatch" ADD CONSTRAINT "CaseMatch_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMatch" ADD CONSTRAINT "CaseMatch_tenantId_matchedCaseId_fkey" FOREIGN KEY ("tenantId", "matchedCaseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- A case is never its own match, nor its own original.
ALTER TABLE "CaseMatch" ADD CONSTRAINT "CaseMatch_not_self" CHECK ("caseId" <> "matchedCaseId");
ALTER TABLE "Case" ADD CONSTRAINT "Case_duplicate_not_self" CHECK ("duplicateOfCaseId" IS NULL OR "duplicateOfCaseId" <> "id");

-- Keys of the applications already recorded, as near as SQL gets to lib/cases/same-person.ts
-- (accents are not folded here; new applications get the keys from the one TypeScript rule).
-- Bank hashes need the key the database does not hold: earlier applications have none.
UPDATE "Application" SET
  "nameKey" = nullif(btrim(regexp_replace(lower("fullName"), '[^[:alnum:]]+', ' ', 'g')), ''),
  "emailKey" = nullif(lower(btrim("email")), ''),
  "phoneKey" = CASE
    WHEN regexp_replace(coalesce("mobile", ''), '\D', '', 'g') ~ '^44' THEN '0' || substr(regexp_replace("mobile", '\D', '', 'g'), 3)
    ELSE nullif(regexp_replace(coalesce("mobile", ''), '\D', '', 'g'), '') END,
  "addressKey" = upper(replace("postcode", ' ', '')) || '|' || btrim(regexp_replace(lower(coalesce("data"->'address'->>'line1', '')), '[^[:alnum:]]+', ' ', 'g'));

-- ===== Security (docs/decisions/0003) =====
-- The app role writes the keys only when it inserts an application (no new UPDATE grant on
-- Application). A match's officer state may change; a match is never deleted.
GRANT SELECT, INSERT ON "CaseMatch" TO moneyhub_app;
GRANT UPDATE ("state", "stateReason", "decidedById", "decidedAt") ON "CaseMatch" TO moneyhub_app;

ALTER TABLE "CaseMatch" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseMatch" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CaseMatch"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
