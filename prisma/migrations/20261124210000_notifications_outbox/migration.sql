-- CreateEnum
CREATE TYPE "OutboundChannel" AS ENUM ('EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "OutboundStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" UUID NOT NULL,
    "tenantId" UUID,
    "template" TEXT NOT NULL,
    "channel" "OutboundChannel" NOT NULL,
    "to" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "personalisation" JSONB NOT NULL DEFAULT '{}',
    "providerTemplateId" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "status" "OutboundStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "provider" TEXT,
    "providerRef" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboundMessage_tenantId_status_createdAt_idx" ON "OutboundMessage"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_nextAttemptAt_idx" ON "OutboundMessage"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ===== Security (docs/decisions/0003): the outbox is tenant-owned, RLS ENABLE + FORCE =====
-- A council's messages are visible and writable only in that council's scope. Platform messages
-- (tenantId null, e.g. to a platform operator) are the designed exception: they may be written
-- outside any council, and are read only in the platform scope (the worker, platform operators).
-- No DELETE grant: the outbox is the record of what was sent.
GRANT SELECT, INSERT, UPDATE ON "OutboundMessage" TO moneyhub_app;

ALTER TABLE "OutboundMessage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OutboundMessage" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OutboundMessage"
  USING ("tenantId" = app_current_tenant() OR ("tenantId" IS NULL AND app_is_platform()))
  WITH CHECK ("tenantId" = app_current_tenant() OR ("tenantId" IS NULL AND app_current_tenant() IS NULL));
