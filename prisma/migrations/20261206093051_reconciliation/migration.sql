-- Reconciliation (issue 19, docs/reconciliation.md): a bank's or provider's report imported as a file,
-- previewed line by line (ReconciliationLine) and applied only when a person confirms it. One
-- import per file per council (its SHA-256), so the same file twice changes nothing the second time.
-- Tenant-owned: RLS ENABLE + FORCE, composite (tenantId, id) keys.

-- CreateEnum
CREATE TYPE "ReconciliationStatus" AS ENUM ('PREVIEWED', 'APPLIED');

-- CreateTable
CREATE TABLE "ReconciliationImport" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" "ReconciliationStatus" NOT NULL DEFAULT 'PREVIEWED',
    "fileProblem" TEXT,
    "lineCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedById" UUID,
    "appliedAt" TIMESTAMP(6),
    "summary" JSONB,

    CONSTRAINT "ReconciliationImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationLine" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "amountPence" BIGINT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "paymentId" UUID,
    "result" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "ReconciliationLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationImport_tenantId_createdAt_idx" ON "ReconciliationImport"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationImport_tenantId_id_key" ON "ReconciliationImport"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationImport_tenantId_sha256_key" ON "ReconciliationImport"("tenantId", "sha256");

-- CreateIndex
CREATE INDEX "ReconciliationLine_tenantId_paymentId_idx" ON "ReconciliationLine"("tenantId", "paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationLine_tenantId_id_key" ON "ReconciliationLine"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationLine_importId_lineNo_key" ON "ReconciliationLine"("importId", "lineNo");

-- AddForeignKey
ALTER TABLE "ReconciliationLine" ADD CONSTRAINT "ReconciliationLine_tenantId_importId_fkey" FOREIGN KEY ("tenantId", "importId") REFERENCES "ReconciliationImport"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


ALTER TABLE "ReconciliationImport" ADD CONSTRAINT "ReconciliationImport_tenant_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT;
ALTER TABLE "ReconciliationImport" ADD CONSTRAINT "ReconciliationImport_kind" CHECK (kind IN ('bank', 'provider'));
ALTER TABLE "ReconciliationImport" ADD CONSTRAINT "ReconciliationImport_applied" CHECK ((status = 'APPLIED') = ("appliedAt" IS NOT NULL AND "appliedById" IS NOT NULL));
ALTER TABLE "ReconciliationLine" ADD CONSTRAINT "ReconciliationLine_result" CHECK (result IN ('match', 'no-change', 'exception', 'applied'));

-- ===== Security (docs/decisions/0003) =====
-- An import is written when previewed and updated once when applied; nothing is deleted.
GRANT SELECT, INSERT, UPDATE ON "ReconciliationImport", "ReconciliationLine" TO moneyhub_app;

ALTER TABLE "ReconciliationImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReconciliationImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReconciliationImport"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "ReconciliationLine" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReconciliationLine" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReconciliationLine"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
