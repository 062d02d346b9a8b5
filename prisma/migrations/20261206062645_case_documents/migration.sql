-- Documents (evidence) on a case (issue 18, docs/documents.md, docs/decisions/0024): the
-- metadata row and, for the default database storage, the bytes. Tenant-owned: RLS ENABLE +
-- FORCE, composite (tenantId, id) keys to the case.

-- CreateEnum
CREATE TYPE "DocumentScanState" AS ENUM ('NOT_SCANNED', 'CLEAN', 'INFECTED', 'FAILED');

-- CreateTable
CREATE TABLE "CaseDocument" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "originalName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "storageKind" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "scanState" "DocumentScanState" NOT NULL DEFAULT 'NOT_SCANNED',
    "scanDetail" TEXT,
    "source" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorUserId" UUID,
    "actorRef" TEXT,
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseDocumentBlob" (
    "tenantId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "CaseDocumentBlob_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE INDEX "CaseDocument_tenantId_caseId_createdAt_idx" ON "CaseDocument"("tenantId", "caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDocument_tenantId_id_key" ON "CaseDocument"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDocument_storageKey_key" ON "CaseDocument"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDocumentBlob_tenantId_documentId_key" ON "CaseDocumentBlob"("tenantId", "documentId");

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocumentBlob" ADD CONSTRAINT "CaseDocumentBlob_tenantId_documentId_fkey" FOREIGN KEY ("tenantId", "documentId") REFERENCES "CaseDocument"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The storage key is generated (lib/documents/storage.ts), never the uploader's file name; a
-- document is at most 10 MB (lib/documents MAX_DOCUMENT_BYTES) and never empty.
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_size" CHECK ("sizeBytes" BETWEEN 1 AND 10485760);
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_storage_key" CHECK ("storageKey" ~ '^[0-9a-f-]{36}$');
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_media_type" CHECK ("mediaType" IN ('application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'));

-- ===== Security (docs/decisions/0003) =====
-- Evidence is append-only: no UPDATE, no DELETE (the scan's outcome is known before the insert).
GRANT SELECT, INSERT ON "CaseDocument", "CaseDocumentBlob" TO moneyhub_app;

ALTER TABLE "CaseDocument" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseDocument" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CaseDocument"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());

ALTER TABLE "CaseDocumentBlob" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseDocumentBlob" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CaseDocumentBlob"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
