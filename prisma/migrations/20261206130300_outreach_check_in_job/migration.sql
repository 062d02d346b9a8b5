-- Proactive outreach (docs/outreach.md, docs/decisions/0037): checking a list's rows moves out of
-- the request into the background job. CHECKING: the job is reading the rows; checkedRows is its
-- progress (the page shows "checking: N of M rows"). The table keeps its RLS policies.
ALTER TYPE "OutreachImportStatus" ADD VALUE 'CHECKING' BEFORE 'CHECKED';
ALTER TABLE "OutreachImport" ADD COLUMN "checkedRows" INTEGER NOT NULL DEFAULT 0;
