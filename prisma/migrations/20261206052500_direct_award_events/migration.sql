-- The queue's "direct awards" filter (issue 17, lib/cases/queue.ts ?direct=yes) asks for the cases
-- with a "referral.direct-award" line on their timeline. Among a million cases they are few: this
-- partial index lets the planner start from them (a semi-join) instead of walking every case in
-- the queue's order and probing its timeline. Written here only (Prisma's schema cannot say a
-- partial index), like the queue's other partial indexes (docs/decisions/0016).
CREATE INDEX "CaseEvent_direct_award" ON "CaseEvent" ("tenantId", "caseId") WHERE kind = 'referral.direct-award';
