// Who does something: one shape for every service, the case timeline (lib/timeline) and the
// audit log (lib/audit), so "by whom" is recorded the same way whoever it is, and a permission
// check has one shape (can(actor, permission), lib/auth/permissions.ts). Low in lib/'s layers
// (docs/decisions/0021) because the timeline and the audit log sit below lib/auth. Pure.

type TUserRef = { userId: string; email: string };

/** A signed-in member of the council's staff (roles as in lib/auth/permissions.ts). */
export type TStaffActor = { kind: "staff"; council: { id: string }; user: TUserRef; roles: readonly string[] };
/** A trusted referrer from a partner organisation, signed in to the council's partner pages. */
export type TReferrerActor = { kind: "referrer"; council: { id: string }; user: TUserRef; organisationId: string | null; roles: readonly string[] };
/** A partner's system calling the council's API with its own token; grants: the permissions the token was given. */
export type TApiClientActor = { kind: "api-client"; council: { id: string }; client: { id: string; name: string }; grants: readonly string[] };
/** A resident acting on their own application (answering a request for evidence, withdrawing). No account: no user. */
export type TResidentActor = { kind: "resident"; council: { id: string }; applicationId: string | null };
/** A background job or the service itself; grants: the permissions its job was given (none today). */
export type TSystemActor = { kind: "system"; council: { id: string } | null; name: string; grants: readonly string[] };
/** A signed-in person acting outside any council: signing in, or running the platform for every council. */
export type TPersonActor = { kind: "person"; council: null; user: TUserRef };

export type TActor = TStaffActor | TReferrerActor | TApiClientActor | TResidentActor | TSystemActor | TPersonActor;
export type TActorKind = TActor["kind"];
/** A member of a council (staff or referrer): a person with roles there. */
export type TMemberActor = TStaffActor | TReferrerActor;

/** An actor acting within one council: the only kind that can hold a council's permission. */
export type TCouncilActor = Exclude<TActor, TSystemActor | TPersonActor> | (TSystemActor & { council: { id: string } });

/** A signed-in staff member of the council in the URL. */
export function staffActor(access: { council: { id: string }; user: TUserRef; roles: readonly string[] }): TStaffActor {
  return { kind: "staff", council: { id: access.council.id }, user: { userId: access.user.userId, email: access.user.email }, roles: access.roles };
}

export function systemActor(name: string, council: { id: string } | null = null): TSystemActor {
  return { kind: "system", council, name, grants: [] };
}

export function residentActor(council: { id: string }, applicationId: string | null = null): TResidentActor {
  return { kind: "resident", council: { id: council.id }, applicationId };
}

export function personActor(user: TUserRef): TPersonActor {
  return { kind: "person", council: null, user: { userId: user.userId, email: user.email } };
}

/** A member of a council by their roles there: a referrer (partner organisation) or staff. */
export function memberActor(m: { council: { id: string }; user: TUserRef; roles: readonly string[]; organisationId: string | null }): TMemberActor {
  const user = { userId: m.user.userId, email: m.user.email };
  return m.roles.includes("REFERRER")
    ? { kind: "referrer", council: { id: m.council.id }, user, organisationId: m.organisationId, roles: m.roles }
    : { kind: "staff", council: { id: m.council.id }, user, roles: m.roles };
}

/** The person's user id (the actorUserId columns of the timeline and the audit log); null when no person acted. */
export function actorUserId(actor: TActor): string | null {
  return "user" in actor ? actor.user.userId : null;
}

/** The person's email (the audit log's actorEmail column); null when no person acted. */
export function actorEmail(actor: TActor): string | null {
  return "user" in actor ? actor.user.email : null;
}

/** Who, in a line of a log: the person's email, the API client's or job's name, or "resident". Not for residents' pages. */
export function actorLabel(actor: TActor): string {
  switch (actor.kind) {
    case "staff":
    case "referrer":
    case "person":
      return actor.user.email;
    case "api-client":
      return `API client ${actor.client.name}`;
    case "resident":
      return "resident";
    case "system":
      return `system (${actor.name})`;
  }
}

/** What the timeline and the audit log record as the actor's kind: an actor's, or "anonymous" (the audit log only: nobody known, a failed sign-in). */
export type TRecordedActorKind = TActorKind | "anonymous";

/** "By whom" as the CaseEvent and AuditEvent columns hold it (migration 20261206040000_actor_kind_and_ref). */
export type TActorColumns<K extends TRecordedActorKind = TRecordedActorKind> = {
  actorKind: K;
  /** The person (staff, referrer, person); null for every other kind. */
  actorUserId: string | null;
  /** The API client's id, the job's name, the resident's application id (or null); null for a person. */
  actorRef: string | null;
};

/**
 * The one mapping of an actor to the columns that record it, used by the timeline's writer
 * (lib/timeline) and the audit log's (lib/audit), so both say "by whom" the same way. Null: nobody
 * is known (the audit log's failed sign-ins).
 */
export function actorColumns(actor: TActor): TActorColumns<TActorKind>;
export function actorColumns(actor: TActor | null): TActorColumns;
export function actorColumns(actor: TActor | null): TActorColumns {
  if (!actor) return { actorKind: "anonymous", actorUserId: null, actorRef: null };
  switch (actor.kind) {
    case "staff":
    case "referrer":
    case "person":
      return { actorKind: actor.kind, actorUserId: actor.user.userId, actorRef: null };
    case "api-client":
      return { actorKind: actor.kind, actorUserId: null, actorRef: actor.client.id };
    case "resident":
      return { actorKind: actor.kind, actorUserId: null, actorRef: actor.applicationId };
    case "system":
      return { actorKind: actor.kind, actorUserId: null, actorRef: actor.name };
  }
}

/**
 * Who, from what a timeline line or an audit event recorded, for an actor that is not a person
 * (a person is named by the reader from "actorUserId": null here). The words are actorLabel's; an
 * API client is named by its id until API clients have a table the reader can join for the name.
 */
export function recordedActorLabel(row: { actorKind: string; actorRef: string | null }): string | null {
  switch (row.actorKind) {
    case "api-client":
      return `API client ${row.actorRef ?? ""}`.trim();
    case "resident":
      return "resident";
    case "system":
      return row.actorRef ? `system (${row.actorRef})` : "system";
    case "anonymous":
      return "someone not signed in";
    default:
      return null;
  }
}

/** The council an actor acts in, for work that is only ever a council's (an actor of no council here is a bug). */
export function councilIdOf(actor: TActor): string {
  if (!actor.council) throw new Error(`${actorLabel(actor)} acts in no council`);
  return actor.council.id;
}

/** The person who acts, for work only a person does (claiming, deciding, approving: the columns name a user). */
export function personOf(actor: TActor): TUserRef {
  if (!("user" in actor)) throw new Error(`${actorLabel(actor)} is not a person: this needs one`);
  return actor.user;
}

/** The roles an actor holds in its council (staff and referrers; nobody else has roles). */
export function rolesOf(actor: TActor): readonly string[] {
  return "roles" in actor ? actor.roles : [];
}
