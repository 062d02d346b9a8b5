-- Proactive outreach (issue 20, docs/outreach.md, docs/decisions/0037): uploaded lists of
-- households, the households (once per council by natural key), campaigns and one invitation per
-- household at most. Tenant-owned: RLS ENABLE + FORCE, composite (tenantId, id) keys.

-- CreateEnum
CREATE TYPE "OutreachImportStatus" AS ENUM ('UPLOADED', 'CHECKED', 'QUEUED', 'IMPORTING', 'IMPORTED', 'FAILED');

-- CreateEnum
CREATE TYPE "OutreachChannel" AS ENUM ('EMAIL', 'SMS', 'LETTER');

-- AlterTable
ALTER TABLE "ApplicationDraft" ADD COLUMN     "invitationId" UUID;

-- CreateTable
CREATE TABLE "OutreachImport" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "headers" TEXT[],
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "preview" JSONB NOT NULL DEFAULT '{}',
    "status" "OutreachImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "validRows" INTEGER NOT NULL DEFAULT 0,
    "invalidRows" INTEGER NOT NULL DEFAULT 0,
    "importedRows" INTEGER NOT NULL DEFAULT 0,
    "knownRows" INTEGER NOT NULL DEFAULT 0,
    "matchedRows" INTEGER NOT NULL DEFAULT 0,
    "failureReason" TEXT,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" TIMESTAMP(6),
    "startedAt" TIMESTAMP(6),
    "finishedAt" TIMESTAMP(6),

    CONSTRAINT "OutreachImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutreachHousehold" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "naturalKey" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "line1" TEXT NOT NULL,
    "line2" TEXT,
    "town" TEXT,
    "postcode" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT,
    "reason" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "nameKey" TEXT,
    "emailKey" TEXT,
    "phoneKey" TEXT,
    "addressKey" TEXT,
    "matchedCaseId" UUID,
    "matchReasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutreachHousehold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutreachCampaign" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "channel" "OutreachChannel" NOT NULL,
    "importId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SENDING',
    "invitedCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(6),

    CONSTRAINT "OutreachCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutreachInvitation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "channel" "OutreachChannel" NOT NULL,
    "locale" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(6) NOT NULL,
    "messageId" UUID,
    "usedAt" TIMESTAMP(6),
    "draftId" UUID,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutreachInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutreachImport_tenantId_createdAt_idx" ON "OutreachImport"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachImport_tenantId_id_key" ON "OutreachImport"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachImport_tenantId_sha256_key" ON "OutreachImport"("tenantId", "sha256");

-- CreateIndex
CREATE INDEX "OutreachHousehold_tenantId_importId_rowNumber_idx" ON "OutreachHousehold"("tenantId", "importId", "rowNumber");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachHousehold_tenantId_id_key" ON "OutreachHousehold"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachHousehold_tenantId_naturalKey_key" ON "OutreachHousehold"("tenantId", "naturalKey");

-- CreateIndex
CREATE INDEX "OutreachCampaign_tenantId_createdAt_idx" ON "OutreachCampaign"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachCampaign_tenantId_id_key" ON "OutreachCampaign"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachInvitation_tokenHash_key" ON "OutreachInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "OutreachInvitation_tenantId_campaignId_idx" ON "OutreachInvitation"("tenantId", "campaignId");

-- CreateIndex
CREATE INDEX "OutreachInvitation_tenantId_draftId_idx" ON "OutreachInvitation"("tenantId", "draftId");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachInvitation_tenantId_id_key" ON "OutreachInvitation"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachInvitation_tenantId_householdId_key" ON "OutreachInvitation"("tenantId", "householdId");

-- AddForeignKey
ALTER TABLE "OutreachHousehold" ADD CONSTRAINT "OutreachHousehold_tenantId_importId_fkey" FOREIGN KEY ("tenantId", "importId") REFERENCES "OutreachImport"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachCampaign" ADD CONSTRAINT "OutreachCampaign_tenantId_importId_fkey" FOREIGN KEY ("tenantId", "importId") REFERENCES "OutreachImport"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachInvitation" ADD CONSTRAINT "OutreachInvitation_tenantId_campaignId_fkey" FOREIGN KEY ("tenantId", "campaignId") REFERENCES "OutreachCampaign"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachInvitation" ADD CONSTRAINT "OutreachInvitation_tenantId_householdId_fkey" FOREIGN KEY ("tenantId", "householdId") REFERENCES "OutreachHousehold"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "OutreachInvitation" ADD CONSTRAINT "OutreachInvitation_locale" CHECK ("locale" IN ('en', 'tr', 'pl', 'es', 'fr', 'bn', 'yi'));
ALTER TABLE "OutreachHousehold" ADD CONSTRAINT "OutreachHousehold_locale" CHECK ("locale" IN ('en', 'tr', 'pl', 'es', 'fr', 'bn', 'yi'));

-- ===== Security (docs/decisions/0003) =====
-- Households and invitations are never deleted by the app (an invitation is the proof that nobody
-- is invited twice); imports and campaigns move through their status.
GRANT SELECT, INSERT, UPDATE ON "OutreachImport", "OutreachHousehold", "OutreachCampaign", "OutreachInvitation" TO moneyhub_app;

ALTER TABLE "OutreachImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutreachImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutreachImport"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "OutreachHousehold" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutreachHousehold" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutreachHousehold"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "OutreachCampaign" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutreachCampaign" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutreachCampaign"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "OutreachInvitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutreachInvitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutreachInvitation"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
