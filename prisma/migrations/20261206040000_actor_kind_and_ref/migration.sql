-- "By whom" for every kind of actor (issue 16 §2, docs/decisions/0021): the case timeline and the
-- audit log could name only a person ("actorUserId"). Both now record the actor's kind and, for
-- an actor that is not a person, its reference, written by one function (lib/actor actorColumns):
--   "actorKind"   staff | referrer | person (a person: "actorUserId" set, "actorRef" null)
--                 api-client ("actorRef": the client's id) | resident ("actorRef": the
--                 application's id, or null) | system ("actorRef": the job's name)
--                 anonymous (the audit log only: nobody known, a failed sign-in)
--   "actorRef"    as above; null for a person.

ALTER TABLE "CaseEvent" ADD COLUMN "actorKind" TEXT, ADD COLUMN "actorRef" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "actorKind" TEXT, ADD COLUMN "actorRef" TEXT;

-- Backfill, from what each row already says. The migration runs as the tables' owner, to whom
-- FORCEd row-level security applies unless it is a superuser: lifted for these three tables for
-- this one transaction (the whole script is one), as is the audit log's append-only trigger,
-- so the existing rows gain their kind and nothing else changes.
ALTER TABLE "CaseEvent" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "Membership" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only;

-- A person: a referrer or staff by their membership of the row's council (a referrer when they
-- hold the REFERRER role there, as lib/actor memberActor decides), else a person acting outside
-- any council (signing in, the platform's operators). No person: a job (the timeline's only
-- writers without a user were jobs).
UPDATE "CaseEvent" e SET "actorKind" = CASE
    WHEN e."actorUserId" IS NULL THEN 'system'
    WHEN EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = e."tenantId" AND m."userId" = e."actorUserId" AND m.role = 'REFERRER') THEN 'referrer'
    WHEN EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = e."tenantId" AND m."userId" = e."actorUserId") THEN 'staff'
    ELSE 'person' END;

-- The same for the audit log; with no person: a resident sending an application (its id the
-- reference), nobody known for sign-ins and refusals, otherwise the system.
UPDATE "AuditEvent" e SET
  "actorKind" = CASE
    WHEN e."actorUserId" IS NOT NULL AND e."tenantId" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = e."tenantId" AND m."userId" = e."actorUserId" AND m.role = 'REFERRER') THEN 'referrer'
    WHEN e."actorUserId" IS NOT NULL AND e."tenantId" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."tenantId" = e."tenantId" AND m."userId" = e."actorUserId") THEN 'staff'
    WHEN e."actorUserId" IS NOT NULL THEN 'person'
    WHEN e.action LIKE 'application.%' THEN 'resident'
    WHEN e.action LIKE 'auth.%' OR e.action LIKE 'authz.%' THEN 'anonymous'
    ELSE 'system' END,
  "actorRef" = CASE WHEN e."actorUserId" IS NULL AND e.action LIKE 'application.%' AND e."entityType" = 'Application' THEN e."entityId" END;

ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_append_only;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
ALTER TABLE "CaseEvent" FORCE ROW LEVEL SECURITY;

-- Every row says who, in one of the kinds; a person's kind names the person and only then.
ALTER TABLE "CaseEvent" ALTER COLUMN "actorKind" SET NOT NULL,
  ADD CONSTRAINT "CaseEvent_actor_check" CHECK (
    "actorKind" IN ('staff', 'referrer', 'person', 'api-client', 'resident', 'system')
    AND ("actorKind" IN ('staff', 'referrer', 'person')) = ("actorUserId" IS NOT NULL)
    AND ("actorRef" IS NULL OR "actorKind" IN ('api-client', 'resident', 'system'))
    AND ("actorRef" IS NOT NULL OR "actorKind" <> 'api-client'));
ALTER TABLE "AuditEvent" ALTER COLUMN "actorKind" SET NOT NULL,
  ADD CONSTRAINT "AuditEvent_actor_check" CHECK (
    "actorKind" IN ('staff', 'referrer', 'person', 'api-client', 'resident', 'system', 'anonymous')
    AND ("actorKind" IN ('staff', 'referrer', 'person')) = ("actorUserId" IS NOT NULL)
    AND ("actorRef" IS NULL OR "actorKind" IN ('api-client', 'resident', 'system'))
    AND ("actorRef" IS NOT NULL OR "actorKind" <> 'api-client'));
