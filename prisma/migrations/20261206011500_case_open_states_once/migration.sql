-- Which case states are "open" (an officer's work), written once in the database
-- (docs/decisions/0020). Before, the list was spelt in TypeScript (lib/cases/lifecycle.ts
-- OPEN_CASE_STATES) and again in three partial-index predicates; the queue had to write the very
-- same IN list for the planner to use them. Now the predicates and the queue both call
-- case_status_is_open(); tests/integration/database-code.test.ts checks that it says what
-- OPEN_CASE_STATES says.
--
-- A plain SQL function, IMMUTABLE: allowed in an index predicate, and inlined by the planner both
-- in the predicate and in the query's condition (the same "status = ANY (…)" on each side), so
-- the query's condition still implies the predicate, under row-level security too (no leakproof
-- rule for that: docs/decisions/0016). A state added to CaseStatus is closed until this function
-- is replaced (CREATE OR REPLACE, and the three indexes rebuilt: their stored predicates were
-- computed with the old body).
CREATE FUNCTION case_status_is_open(status "CaseStatus") RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT status IN ('NEW', 'IN_REVIEW', 'AWAITING_INFORMATION') $$;
GRANT EXECUTE ON FUNCTION case_status_is_open("CaseStatus") TO moneyhub_app;

-- The same three partial indexes (20261125040000_case_queue_indexes, 20261125050000_case_open_by_channel),
-- their predicate now the function.
DROP INDEX case_open_by_priority;
CREATE INDEX case_open_by_priority ON "Case"("tenantId", "priorityScore" DESC, "receivedAt", "id")
  WHERE case_status_is_open("status");
DROP INDEX case_open_by_sla;
CREATE INDEX case_open_by_sla ON "Case"("tenantId", "slaDueOn", "priorityScore" DESC, "id")
  WHERE case_status_is_open("status");
DROP INDEX case_open_by_channel;
CREATE INDEX case_open_by_channel ON "Case"("tenantId", "channelKey", "priorityScore" DESC, "receivedAt", "id")
  WHERE case_status_is_open("status");
