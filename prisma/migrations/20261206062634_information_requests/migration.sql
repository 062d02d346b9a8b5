-- CreateTable
CREATE TABLE "InformationRequest" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "askedOf" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "replyBy" DATE NOT NULL,
    "requestedById" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenExpiresAt" TIMESTAMP(6) NOT NULL,
    "tokenUsedAt" TIMESTAMP(6),
    "chaseCount" INTEGER NOT NULL DEFAULT 0,
    "lastChasedAt" TIMESTAMP(6),
    "answerText" TEXT,
    "answerDocumentIds" UUID[],
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(6),
    "createdAt" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InformationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InformationRequest_tenantId_caseId_createdAt_idx" ON "InformationRequest"("tenantId", "caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InformationRequest_tenantId_id_key" ON "InformationRequest"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InformationRequest_tokenHash_key" ON "InformationRequest"("tokenHash");

-- AddForeignKey
ALTER TABLE "InformationRequest" ADD CONSTRAINT "InformationRequest_tenantId_caseId_fkey" FOREIGN KEY ("tenantId", "caseId") REFERENCES "Case"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- What was asked of whom, and who answered, are closed words (lib/information).
ALTER TABLE "InformationRequest" ADD CONSTRAINT "InformationRequest_askedOf" CHECK ("askedOf" IN ('resident', 'referrer'));
ALTER TABLE "InformationRequest" ADD CONSTRAINT "InformationRequest_answeredBy" CHECK ("answeredBy" IS NULL OR "answeredBy" IN ('resident', 'referrer', 'staff'));
ALTER TABLE "InformationRequest" ADD CONSTRAINT "InformationRequest_question_length" CHECK (char_length("question") BETWEEN 1 AND 2000);

-- ===== Security (docs/decisions/0003): tenant-owned, RLS ENABLE + FORCE, app-role grants =====
-- No DELETE: a request and its answer are part of the case's record.
GRANT SELECT, INSERT, UPDATE ON "InformationRequest" TO moneyhub_app;

ALTER TABLE "InformationRequest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InformationRequest" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "InformationRequest"
  USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
