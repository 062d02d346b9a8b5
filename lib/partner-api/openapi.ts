// The partner API's OpenAPI 3.1 document, generated from the Zod schemas the handlers validate
// with (Zod 4's JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as is). Served at
// /api/v1/openapi.json; the reference page (/developers) and docs/api.md explain it with curl.
// tests/integration/partner-api-openapi.test.ts checks every route is in it and its examples
// pass the schemas.
import { z } from "zod";
import { ZApplication } from "@/lib/applications/schemas";
import { ZReferrerSection } from "@/lib/referrals/referral";
import { PROBLEM_KINDS } from "@/lib/partner-api/problem";
import { SIGNATURE_HEADER } from "@/lib/webhooks/signature";
import { EXAMPLE_PROBLEM, EXAMPLE_REFERRAL, EXAMPLE_REFERRAL_RESPONSE } from "@/lib/partner-api/examples";
import {
  ZListQuery,
  ZProblem,
  ZReferral,
  ZReferralList,
  ZReferralRequest,
  ZWebhookEvent,
} from "@/lib/partner-api/schemas";

type TJson = Record<string, unknown>;

/** The document's named schemas: what the handlers validate with, by name. */
export const API_SCHEMAS = {
  Application: ZApplication,
  ReferrerSection: ZReferrerSection,
  ReferralRequest: ZReferralRequest,
  Referral: ZReferral,
  ReferralList: ZReferralList,
  Problem: ZProblem,
  WebhookEvent: ZWebhookEvent,
} as const;

function componentSchemas(): Record<string, TJson> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io: "input", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, TJson> };
  // Each schema comes with its own $schema and $id; inside an OpenAPI document they are components.
  for (const s of Object.values(schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return schemas;
}

const ref = (id: keyof typeof API_SCHEMAS) => ({ $ref: `#/components/schemas/${id}` });
const problemContent = (example: unknown = undefined) => ({ "application/problem+json": { schema: ref("Problem"), ...(example ? { example } : {}) } });
const problems = (...kinds: (keyof typeof PROBLEM_KINDS)[]) =>
  Object.fromEntries(
    [...new Set(kinds.map((k) => PROBLEM_KINDS[k].status))].map((status) => [
      String(status),
      { description: kinds.filter((k) => PROBLEM_KINDS[k].status === status).map((k) => PROBLEM_KINDS[k].title).join("; "), content: problemContent(status === 422 ? EXAMPLE_PROBLEM : undefined) },
    ]),
  );

const COUNCIL = { name: "council", in: "path", required: true, description: "The council's short name in its web address, e.g. `hackwell`. Your key works only here.", schema: { type: "string", pattern: "^[a-z0-9-]{1,60}$" } };
const AUTH = ["unauthorized", "forbidden", "not-found", "rate-limited"] as const;

/** The routes the document describes: method and path, as served under app/api/v1. */
export const API_OPERATIONS = [
  { method: "post", path: "/api/v1/{council}/referrals" },
  { method: "get", path: "/api/v1/{council}/referrals" },
  { method: "get", path: "/api/v1/{council}/referrals/{referral}" },
  { method: "get", path: "/api/v1/openapi.json" },
] as const;

export function openApiDocument(): TJson {
  const query = z.toJSONSchema(ZListQuery, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as { properties: Record<string, TJson> };
  return {
    openapi: "3.1.0",
    info: {
      title: "Money Hub partner API",
      version: "1.0.0",
      description:
        "For partner organisations' systems: submit referrals for residents and read their status. Authenticate with an API key made by your organisation's lead in the partner portal (`Authorization: Bearer mhk_…`). Errors are RFC 9457 problem details. See /developers for a guide with curl examples.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/{council}/referrals": {
        post: {
          operationId: "createReferral",
          summary: "Submit a referral",
          description: "Records the referral as the resident's application, marked as from your organisation. Send a new Idempotency-Key for each referral: a retry with the same key and body replays the first response; the same key with another body is refused (422).",
          parameters: [COUNCIL, { name: "Idempotency-Key", in: "header", required: true, description: "1 to 200 printable characters; a UUID is best.", schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,200}$" } }],
          requestBody: { required: true, content: { "application/json": { schema: ref("ReferralRequest"), example: EXAMPLE_REFERRAL } } },
          responses: {
            "201": { description: "Recorded (or, with `Idempotent-Replayed: true`, the first response to this key replayed).", headers: { Location: { schema: { type: "string" } } }, content: { "application/json": { schema: ref("Referral"), example: EXAMPLE_REFERRAL_RESPONSE } } },
            ...problems("invalid-request", "idempotency-key-missing", "invalid-parameter", "too-large", "unsupported-media-type", "validation-failed", "idempotency-conflict", ...AUTH),
          },
        },
        get: {
          operationId: "listReferrals",
          summary: "List your organisation's referrals, newest first",
          parameters: [COUNCIL, ...Object.entries(query.properties).map(([name, schema]) => ({ name, in: "query", required: false, schema }))],
          responses: { "200": { description: "A page of referrals.", content: { "application/json": { schema: ref("ReferralList"), example: { referrals: [EXAMPLE_REFERRAL_RESPONSE], nextCursor: null } } } }, ...problems("invalid-parameter", ...AUTH) },
        },
      },
      "/api/v1/{council}/referrals/{referral}": {
        get: {
          operationId: "getReferral",
          summary: "One of your organisation's referrals, by id or reference",
          parameters: [COUNCIL, { name: "referral", in: "path", required: true, description: "The id the POST returned, or the reference.", schema: { type: "string", maxLength: 100 } }],
          responses: { "200": { description: "The referral.", content: { "application/json": { schema: ref("Referral"), example: EXAMPLE_REFERRAL_RESPONSE } } }, ...problems(...AUTH) },
        },
      },
      "/api/v1/openapi.json": {
        get: { operationId: "openApiDocument", summary: "This document", security: [], responses: { "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } } },
      },
    },
    webhooks: {
      "referral.status_changed": {
        post: {
          summary: "One of your organisation's referrals changed status (also `test`, from the portal's button)",
          description: `Signed: the ${SIGNATURE_HEADER} header is \`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with your endpoint's secret>\`. Refuse a timestamp older than 5 minutes. Answer 2xx within 10 s; otherwise we try again after 30 s, 2 min, 10 min, 1 h and 6 h.`,
          parameters: [{ name: SIGNATURE_HEADER, in: "header", required: true, schema: { type: "string" } }],
          requestBody: { content: { "application/json": { schema: ref("WebhookEvent") } } },
          responses: { "200": { description: "Received." } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "mhk_<12 hex>_<43 characters>", description: "An API key from the partner portal (API keys page)." } },
    },
  };
}
