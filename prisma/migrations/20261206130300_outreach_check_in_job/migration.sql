-- Proactive outreach (docs/outreach.md, docs/decisions/0037): checking a list's rows moves out of
-- the request into the background job. CHECKING: the job is reading the rows; checkedRows is its
-- progress (the page shows "checking: N of M rows"). The table keeps its RLS policies.
ALTER TYPE "OutreachImportStatus" ADD VALUE 'CHECKING' BEFORE 'CHECKED';
ALTER TABLE "OutreachImport" ADD COLUMN "checkedRows" INTEGER NOT NULL DEFAULT 0;
-- The upload must return at once: writing an 11 MB file into the database took most of its ~2 s.
-- The file is kept as its bytes, gzip-compressed by the app (about an eighth of the size); rows
-- uploaded before this migration keep their text as UTF-8 bytes (lib/outreach/imports.ts reads
-- both). Stored out of line, not compressed again.
ALTER TABLE "OutreachImport" ALTER COLUMN "content" TYPE BYTEA USING convert_to("content", 'UTF8');
ALTER TABLE "OutreachImport" ALTER COLUMN "content" SET STORAGE EXTERNAL;
