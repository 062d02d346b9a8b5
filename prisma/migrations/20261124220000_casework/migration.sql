-- Casework, part 1 (issue 11): a case for every application, its timeline and amendments, the
-- council's casework settings, and award lines committed through the ledger.
-- Written by hand: `npm run db:new-migration` cannot diff against PostgreSQL 18 yet, so this is
-- the SQL that `prisma migrate diff` would write for prisma/schema/{cases,awards}.prisma, in the
-- same style, plus the security section.

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('NEW', 'IN_REVIEW', 'AWAITING_INFORMATION', 'APPROVED', 'PART_APPROVED', 'DECLINED', 'WITHDRAWN', 'CLOSED_DUPLICATE');

-- CreateEnum
CREATE TYPE "PriorityBand" AS ENUM ('URGENT', 'STANDARD');

-- CreateEnum
CREATE TYPE "AwardStatus" AS ENUM ('PROPOSED', 'AWAITING_APPROVAL', 'APPROVED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'NEW',
    "channel" "ApplicationChannel" NOT NULL,
    "fullName" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "needCategories" TEXT[],
    "organisationId" UUID,
    "assignedToId" UUID,
    "assignedAt" TIMESTAMP(6),
    "priorityScore" INTEGER NOT NULL,
    "priorityBand" "PriorityBand" NOT NULL,
    "priorityReasons" TEXT[],
    "receivedAt" TIMESTAMP(6) NOT NULL,
    "slaDueOn" DATE NOT NULL,
    "decidedAt" TIMESTAMP(6),
    "decidedById" UUID,
    "decisionReasonCode" TEXT,
    "decisionExplanation" TEXT,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actorUserId" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAmendment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "oldValue" JSONB NOT NULL,
    "newValue" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "actorUserId" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseworkSettings" (
    "tenantId" UUID NOT NULL,
    "priorityWeights" JSONB NOT NULL,
    "urgentFrom" INTEGER NOT NULL,
    "slaUrgentDays" INTEGER NOT NULL,
    "slaStandardDays" INTEGER NOT NULL,
    "officerLimitPence" BIGINT NOT NULL,
    "reasonCodes" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseworkSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Award" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "potId" UUID NOT NULL,
    "needCategory" TEXT NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "status" "AwardStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposedById" UUID NOT NULL,
    "approvedById" UUID,
    "approvedAt" TIMESTAMP(6),
    "cancelledAt" TIMESTAMP(6),
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Award_pkey" PRIMARY KEY ("id"),
    -- Not in the Prisma schema (it cannot say it): an award is for some money.
    CONSTRAINT "Award_amountPence_positive" CHECK ("amountPence" > 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "Application_tenantId_id_key" ON "Application"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Case_tenantId_id_key" ON "Case"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Case_tenantId_applicationId_key" ON "Case"("tenantId", "applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_tenantId_reference_key" ON "Case"("tenantId", "reference");

-- CreateIndex
CREATE INDEX "Case_tenantId_priorityScore_receivedAt_id_idx" ON "Case"("tenantId", "priorityScore" DESC, "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Case_tenantId_status_priorityScore_receivedAt_id_idx" ON "Case"("tenantId", "status", "priorityScore" DESC, "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Case_tenantId_assignedToId_status_idx" ON "Case"("tenantId", "assignedToId", "status");

-- CreateIndex
CREATE INDEX "Case_tenantId_slaDueOn_idx" ON "Case"("tenantId", "slaDueOn");

-- CreateIndex
CREATE INDEX "CaseEvent_tenantId_caseId_createdAt_idx" ON "CaseEvent"("tenantId", "caseId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseAmendment_tenantId_caseId_createdAt_idx" ON "CaseAmendment"("tenantId", "caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Award_tenantId_id_key" ON "Award"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Award_tenantId_caseId_idx" ON "Award"("tenantId", "caseId");

-- CreateIndex
CREATE INDEX "Award_tenantId_status_createdAt_idx" ON "Award"("tenantId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_tenantId_applicationId_fkey" FOREIGN KEY ("tenantId", "applicationId") REFERENCES "Application"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAmendment" ADD CONSTRAINT "CaseAmendment_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseworkSettings" ADD CONSTRAINT "CaseworkSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_tenantId_potId_fkey" FOREIGN KEY ("tenantId", "potId") REFERENCES "Pot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ===== Security (docs/decisions/0003): tenant-owned tables, RLS ENABLE + FORCE, app-role grants =====
-- No DELETE anywhere. The timeline and the amendments are append-only: the app role may read
-- and insert them, never change them.
GRANT SELECT, INSERT, UPDATE ON "Case", "Award", "CaseworkSettings" TO moneyhub_app;
GRANT SELECT, INSERT ON "CaseEvent", "CaseAmendment" TO moneyhub_app;

ALTER TABLE "Case" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Case" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Case"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "CaseEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CaseEvent"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "CaseAmendment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseAmendment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CaseAmendment"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "CaseworkSettings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseworkSettings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CaseworkSettings"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "Award" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Award" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Award"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

-- The resident's word for a withdrawn case or one closed as a duplicate.
ALTER TYPE "ResidentStatus" ADD VALUE 'CLOSED';
