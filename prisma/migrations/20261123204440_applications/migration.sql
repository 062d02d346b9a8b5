-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('RECEIVED', 'IN_REVIEW', 'MORE_INFO_NEEDED', 'DECIDED', 'PAID');

-- CreateTable
CREATE TABLE "ApplicationDraft" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "schemaVersion" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationResumeLink" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "draftId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationResumeLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "draftId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'resident-online',
    "status" "ApplicationStatus" NOT NULL DEFAULT 'RECEIVED',
    "data" JSONB NOT NULL,
    "bankDetailsEnc" TEXT,
    "fullName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "postcode" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT,
    "locale" TEXT NOT NULL,
    "urgencyFlags" TEXT[],
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationDraft_tokenHash_key" ON "ApplicationDraft"("tokenHash");

-- CreateIndex
CREATE INDEX "ApplicationDraft_tenantId_updatedAt_idx" ON "ApplicationDraft"("tenantId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationDraft_tenantId_id_key" ON "ApplicationDraft"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationResumeLink_tokenHash_key" ON "ApplicationResumeLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ApplicationResumeLink_tenantId_draftId_idx" ON "ApplicationResumeLink"("tenantId", "draftId");

-- CreateIndex
CREATE INDEX "Application_tenantId_status_submittedAt_idx" ON "Application"("tenantId", "status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_tenantId_draftId_key" ON "Application"("tenantId", "draftId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_tenantId_reference_key" ON "Application"("tenantId", "reference");

-- AddForeignKey
ALTER TABLE "ApplicationResumeLink" ADD CONSTRAINT "ApplicationResumeLink_tenantId_draftId_fkey" FOREIGN KEY ("tenantId", "draftId") REFERENCES "ApplicationDraft"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_tenantId_draftId_fkey" FOREIGN KEY ("tenantId", "draftId") REFERENCES "ApplicationDraft"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- ===== Security (docs/decisions/0003): tenant-owned tables, RLS ENABLE + FORCE, app-role grants =====
-- No DELETE grant: drafts are kept (also when a council closes its application route) until the
-- retention schedule removes them; applications are never deleted by the app.
GRANT SELECT, INSERT, UPDATE ON "ApplicationDraft", "ApplicationResumeLink", "Application" TO moneyhub_app;

ALTER TABLE "ApplicationDraft" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApplicationDraft" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ApplicationDraft"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ApplicationResumeLink" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApplicationResumeLink" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ApplicationResumeLink"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "Application" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Application" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Application"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
