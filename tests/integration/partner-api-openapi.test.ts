// The OpenAPI 3.1 document is generated from the Zod schemas: every route under app/api/v1 is in
// it, its examples pass the schemas, and a small fuzzer (fast-check) posting bodies, headers and
// parameters the document allows or forbids never gets a 500.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { API_SCHEMAS, openApiDocument } from "@/lib/partner-api/openapi";
import { ZProblem } from "@/lib/partner-api/schemas";
import { apiRequest, getOne, list, makeCouncil, makePartner, post, referralBody, type TPartner } from "../support/partner-api";
import { GET as listRoute } from "@/app/api/v1/[council]/referrals/route";

type TJson = Record<string, unknown>;
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, TJson>>; components: { schemas: Record<string, TJson> } };

/** Every route handler under app/api/v1 as "METHOD /path" with {param} for [param]. */
function servedRoutes(): string[] {
  const root = path.resolve("app/api/v1");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const route = "/api/v1/" + path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
        for (const m of fs.readFileSync(p, "utf8").matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${route}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes every route handler under app/api/v1, and nothing more", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(servedRoutes().length).toBeGreaterThanOrEqual(4);
    expect(documented).toEqual(servedRoutes());
    const served = await openApiRoute();
    expect(await served.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("its examples pass the Zod schemas they illustrate", () => {
    let checked = 0;
    const visit = (node: unknown) => {
      if (!node || typeof node !== "object") return;
      const n = node as TJson;
      const schema = n.schema as { $ref?: string } | undefined;
      if ("example" in n && schema?.$ref) {
        const id = schema.$ref.split("/").pop() as keyof typeof API_SCHEMAS;
        const parsed = API_SCHEMAS[id].safeParse(n.example);
        expect(parsed.success, `${id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        checked++;
      }
      for (const v of Object.values(n)) visit(v);
    };
    visit(doc.paths);
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("names a component schema for every $ref, and each schema is generated (not hand-written)", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const r of new Set(refs)) expect(doc.components.schemas[r], r).toBeDefined();
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(API_SCHEMAS).sort());
    expect(JSON.stringify(doc.components.schemas.Application)).toContain("schemaVersion");
  });
});

describe("fuzzing the API (never a 500)", () => {
  let p: TPartner;
  beforeAll(async () => {
    const council = await makeCouncil("fuzz-a", ["E8"]);
    p = await makePartner(council);
  });

  async function expectNo500(res: Response, what: string) {
    expect(res.status, what).not.toBe(500);
    expect(res.status, what).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get("content-type"), what).toBe("application/problem+json");
      ZProblem.parse(await res.json());
    }
  }

  // A leaf of the valid example replaced by anything: mostly forbidden bodies, some allowed.
  const paths: string[][] = [];
  const collect = (v: unknown, at: string[]) => {
    paths.push(at);
    if (v && typeof v === "object") for (const [k, c] of Object.entries(v)) collect(c, [...at, k]);
  };
  collect(referralBody(), []);
  const mutated = fc.tuple(fc.constantFrom(...paths.filter((x) => x.length > 0)), fc.jsonValue()).map(([at, value]) => {
    const b = referralBody() as unknown as TJson;
    let node = b;
    for (const k of at.slice(0, -1)) node = node[k] as TJson;
    node[at.at(-1)!] = value;
    return JSON.stringify(b);
  });
  const bodies = fc.oneof(mutated, fc.json(), fc.string(), fc.constant(JSON.stringify(referralBody())), fc.jsonValue().map((v) => JSON.stringify({ application: v, referrer: v })));

  it("POST referrals: any body, Idempotency-Key and Content-Type", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.option(fc.string({ maxLength: 220 })), fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"), async (body, idem, contentType) => {
        const res = await post("fuzz-a", { key: p.key, idempotencyKey: idem === null ? null : idem || randomUUID(), body, contentType });
        await expectNo500(res, `${contentType} ${body.slice(0, 200)}`);
      }),
      { numRuns: 120 },
    );
  });

  it("GET referrals and one referral: any parameters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("limit", "cursor", "status", "other"), fc.string({ maxLength: 50 })), fc.string({ maxLength: 150 }), async (query, id) => {
        const qs = new URLSearchParams(query).toString();
        await expectNo500(await list("fuzz-a", p.key, qs ? `?${qs}` : ""), qs);
        if (id) await expectNo500(await getOne("fuzz-a", p.key, id), id);
      }),
      { numRuns: 80 },
    );
  });

  it("any Authorization header and council", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120 }), fc.string({ maxLength: 80 }), async (auth, council) => {
        const res = await listRoute(apiRequest(`/api/v1/x/referrals`, "GET", { headers: { authorization: auth } }), { params: Promise.resolve({ council }) });
        await expectNo500(res, `${auth} ${council}`);
      }),
      { numRuns: 80 },
    );
  });
});
