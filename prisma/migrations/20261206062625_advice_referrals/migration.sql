-- Onward referrals to advice partners and the income they gain (issue 18, docs/advice-referrals.md).
-- All tenant-owned: RLS ENABLE + FORCE; keys between the tables carry tenantId.

-- CreateEnum
CREATE TYPE "AdvicePartnerKind" AS ENUM ('WELFARE_RIGHTS', 'DEBT_ADVICE', 'ENERGY_ADVICE', 'EMPLOYMENT_SUPPORT');

-- CreateEnum
CREATE TYPE "AdviceOutcomeKind" AS ENUM ('PENSION_CREDIT', 'ATTENDANCE_ALLOWANCE', 'COUNCIL_TAX_REDUCTION', 'UNIVERSAL_CREDIT', 'HEALTHY_START', 'WARM_HOME_DISCOUNT', 'SOCIAL_TARIFF', 'DEBT_WRITTEN_OFF', 'OTHER');

-- CreateEnum
CREATE TYPE "AdviceValuePeriod" AS ENUM ('WEEKLY', 'ANNUAL');

-- CreateTable
CREATE TABLE "AdvicePartner" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AdvicePartnerKind" NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdvicePartner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdviceReferral" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "needNote" TEXT NOT NULL,
    "referredByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdviceReferral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdviceOutcome" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "kind" "AdviceOutcomeKind" NOT NULL,
    "description" TEXT,
    "valuePence" BIGINT NOT NULL,
    "valuePeriod" "AdviceValuePeriod" NOT NULL,
    "lumpSumPence" BIGINT NOT NULL DEFAULT 0,
    "confirmedOn" DATE NOT NULL,
    "recordedByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdviceOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdvicePartner_tenantId_id_key" ON "AdvicePartner"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AdvicePartner_tenantId_name_key" ON "AdvicePartner"("tenantId", "name");

-- CreateIndex
CREATE INDEX "AdviceReferral_tenantId_caseId_createdAt_idx" ON "AdviceReferral"("tenantId", "caseId", "createdAt");

-- CreateIndex
CREATE INDEX "AdviceReferral_tenantId_partnerId_idx" ON "AdviceReferral"("tenantId", "partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "AdviceReferral_tenantId_id_key" ON "AdviceReferral"("tenantId", "id");

-- CreateIndex
CREATE INDEX "AdviceOutcome_tenantId_referralId_idx" ON "AdviceOutcome"("tenantId", "referralId");

-- CreateIndex
CREATE INDEX "AdviceOutcome_tenantId_confirmedOn_idx" ON "AdviceOutcome"("tenantId", "confirmedOn");

-- AddForeignKey
ALTER TABLE "AdviceReferral" ADD CONSTRAINT "AdviceReferral_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdviceReferral" ADD CONSTRAINT "AdviceReferral_tenantId_partnerId_fkey" FOREIGN KEY ("tenantId", "partnerId") REFERENCES "AdvicePartner"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdviceOutcome" ADD CONSTRAINT "AdviceOutcome_tenantId_referralId_fkey" FOREIGN KEY ("tenantId", "referralId") REFERENCES "AdviceReferral"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Values are pence, never negative; an outcome gains something; "other" says what.
ALTER TABLE "AdviceOutcome" ADD CONSTRAINT "AdviceOutcome_amounts" CHECK ("valuePence" >= 0 AND "lumpSumPence" >= 0 AND ("valuePence" > 0 OR "lumpSumPence" > 0));
ALTER TABLE "AdviceOutcome" ADD CONSTRAINT "AdviceOutcome_other_described" CHECK ("kind" <> 'OTHER' OR char_length(coalesce("description", '')) > 0);

-- ===== Security (docs/decisions/0003) =====
-- Partners are changed and deactivated, never deleted (referrals point at them). Referrals and
-- their outcomes are the record: insert and read only.
GRANT SELECT, INSERT, UPDATE ON "AdvicePartner" TO moneyhub_app;
GRANT SELECT, INSERT ON "AdviceReferral" TO moneyhub_app;
GRANT SELECT, INSERT ON "AdviceOutcome" TO moneyhub_app;

ALTER TABLE "AdvicePartner" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AdvicePartner" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AdvicePartner"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "AdviceReferral" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AdviceReferral" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AdviceReferral"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "AdviceOutcome" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AdviceOutcome" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AdviceOutcome"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
