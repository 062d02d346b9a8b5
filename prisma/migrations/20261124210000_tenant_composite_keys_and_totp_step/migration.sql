-- Issue 7. Written by hand: `npm run db:new-migration` cannot diff against PostgreSQL 18 yet
-- (the WebAssembly schema engine panics on its NOT NULL constraints), so this is the SQL that
-- `prisma migrate diff` would write for prisma/schema, in the same style.
--
-- 1. Second-factor replay: the last TOTP time-step accepted per user.
ALTER TABLE "User" ADD COLUMN "lastTotpStep" INTEGER;

-- 2. Every foreign key from a tenant-owned table to another tenant-owned table includes
--    "tenantId", so the database itself refuses a child row of council A pointing at a parent
--    of council B (row-level security only checks each row's own tenantId).

CREATE UNIQUE INDEX "Fund_tenantId_id_key" ON "Fund"("tenantId", "id");
CREATE UNIQUE INDEX "Pot_tenantId_id_key" ON "Pot"("tenantId", "id");
CREATE UNIQUE INDEX "Organisation_tenantId_id_key" ON "Organisation"("tenantId", "id");
CREATE UNIQUE INDEX "LedgerAccount_tenantId_id_key" ON "LedgerAccount"("tenantId", "id");
CREATE UNIQUE INDEX "LedgerTransaction_tenantId_id_key" ON "LedgerTransaction"("tenantId", "id");

ALTER TABLE "Membership" DROP CONSTRAINT "Membership_organisationId_fkey";
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Invitation" DROP CONSTRAINT "Invitation_organisationId_fkey";
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Pot" DROP CONSTRAINT "Pot_ownerOrganisationId_fkey";
ALTER TABLE "Pot" ADD CONSTRAINT "Pot_tenantId_ownerOrganisationId_fkey" FOREIGN KEY ("tenantId", "ownerOrganisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Pot" DROP CONSTRAINT "Pot_fundId_fkey";
ALTER TABLE "Pot" ADD CONSTRAINT "Pot_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerAccount" DROP CONSTRAINT "LedgerAccount_fundId_fkey";
ALTER TABLE "LedgerAccount" ADD CONSTRAINT "LedgerAccount_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerAccount" DROP CONSTRAINT "LedgerAccount_potId_fkey";
ALTER TABLE "LedgerAccount" ADD CONSTRAINT "LedgerAccount_tenantId_potId_fkey" FOREIGN KEY ("tenantId", "potId") REFERENCES "Pot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerTransaction" DROP CONSTRAINT "LedgerTransaction_fundId_fkey";
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_tenantId_fundId_fkey" FOREIGN KEY ("tenantId", "fundId") REFERENCES "Fund"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerTransaction" DROP CONSTRAINT "LedgerTransaction_potId_fkey";
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_tenantId_potId_fkey" FOREIGN KEY ("tenantId", "potId") REFERENCES "Pot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerTransaction" DROP CONSTRAINT "LedgerTransaction_toPotId_fkey";
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_tenantId_toPotId_fkey" FOREIGN KEY ("tenantId", "toPotId") REFERENCES "Pot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerPosting" DROP CONSTRAINT "LedgerPosting_transactionId_fkey";
ALTER TABLE "LedgerPosting" ADD CONSTRAINT "LedgerPosting_tenantId_transactionId_fkey" FOREIGN KEY ("tenantId", "transactionId") REFERENCES "LedgerTransaction"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerPosting" DROP CONSTRAINT "LedgerPosting_accountId_fkey";
ALTER TABLE "LedgerPosting" ADD CONSTRAINT "LedgerPosting_tenantId_accountId_fkey" FOREIGN KEY ("tenantId", "accountId") REFERENCES "LedgerAccount"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
