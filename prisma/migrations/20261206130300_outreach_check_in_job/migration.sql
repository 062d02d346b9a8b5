-- Proactive outreach (docs/outreach.md, docs/decisions/0037): checking a list's rows moves out of
-- the request into the background job. CHECKING: the job is reading the rows; checkedRows is its
-- progress (the page shows "checking: N of M rows"). The table keeps its RLS policies.
ALTER TYPE "OutreachImportStatus" ADD VALUE 'CHECKING' BEFORE 'CHECKED';
ALTER TABLE "OutreachImport" ADD COLUMN "checkedRows" INTEGER NOT NULL DEFAULT 0;
-- The upload must return at once: an 11 MB file compressed by pglz on the way in took most of
-- the request's ~2 s. Kept uncompressed (out of line, as before); it is emptied once imported.
ALTER TABLE "OutreachImport" ALTER COLUMN "content" SET STORAGE EXTERNAL;
