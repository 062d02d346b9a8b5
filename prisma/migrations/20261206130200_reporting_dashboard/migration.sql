-- The managers' dashboard (issue 20, docs/reporting-dashboard.md, ADR 0041): StaffCost (what the
-- staff cost over a period, as a manager enters it; append-only) and ReportShareLink (read-only
-- links to the dashboard, only the token's SHA-256 kept; the app may only revoke one).
-- Tenant-owned: RLS ENABLE + FORCE.

-- CreateTable
CREATE TABLE "StaffCost" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fundId" UUID,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "pence" BIGINT NOT NULL,
    "enteredById" UUID NOT NULL,
    "enteredAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffCost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportShareLink" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "fundId" UUID,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(6),
    "revokedById" UUID,

    CONSTRAINT "ReportShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffCost_tenantId_fromDate_toDate_idx" ON "StaffCost"("tenantId", "fromDate", "toDate");

-- CreateIndex
CREATE UNIQUE INDEX "StaffCost_tenantId_id_key" ON "StaffCost"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReportShareLink_tokenHash_key" ON "ReportShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportShareLink_tenantId_createdAt_idx" ON "ReportShareLink"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportShareLink_tenantId_id_key" ON "ReportShareLink"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "StaffCost" ADD CONSTRAINT "StaffCost_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportShareLink" ADD CONSTRAINT "ReportShareLink_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "StaffCost" ADD CONSTRAINT "StaffCost_period" CHECK ("fromDate" <= "toDate");
ALTER TABLE "StaffCost" ADD CONSTRAINT "StaffCost_pence" CHECK ("pence" >= 0);
ALTER TABLE "ReportShareLink" ADD CONSTRAINT "ReportShareLink_period" CHECK ("fromDate" <= "toDate");
ALTER TABLE "ReportShareLink" ADD CONSTRAINT "ReportShareLink_hash" CHECK ("tokenHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "ReportShareLink" ADD CONSTRAINT "ReportShareLink_revoked" CHECK (("revokedAt" IS NULL) = ("revokedById" IS NULL));

-- ===== Security (docs/decisions/0003) =====
-- Staff costs are never changed or deleted (a correction is a newer entry); a share link only
-- ever changes by being revoked.
GRANT SELECT, INSERT ON "StaffCost" TO moneyhub_app;
GRANT SELECT, INSERT ON "ReportShareLink" TO moneyhub_app;
GRANT UPDATE ("revokedAt", "revokedById") ON "ReportShareLink" TO moneyhub_app;

ALTER TABLE "StaffCost" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StaffCost" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StaffCost"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReportShareLink" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportShareLink" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportShareLink"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
