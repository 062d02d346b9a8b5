-- The case file's reads stay fast with a million applications: the person's history narrows by
-- date of birth (lib/cases/person-history.ts), and the messages sent about an application are
-- found by its reference (lib/cases/case-page.ts; the schema cannot describe an expression index).

-- CreateIndex
CREATE INDEX "Application_tenantId_dateOfBirth_idx" ON "Application"("tenantId", "dateOfBirth");

-- CreateIndex
CREATE INDEX "OutboundMessage_tenantId_reference_idx" ON "OutboundMessage"("tenantId", ("personalisation" ->> 'reference'));
