// Issue 15, hole 7: a NUL byte in text reached PostgreSQL (error 22021, a 500). Every string
// field of every input schema refuses control characters (lib/forms/text.ts); URL queries are
// stripped of them instead. This walks every exported Z schema (and every application step's
// schema) and puts "\u0000" into each field in turn.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as applicationSchemas from "@/lib/applications/schemas";
import { STEP_IDS, STEPS } from "@/lib/applications/steps";
import * as authSchemas from "@/lib/auth/schemas";
import * as caseForms from "@/lib/cases/forms";
import * as caseSchemas from "@/lib/cases/schemas";
import { AMENDABLE_FIELDS } from "@/lib/cases/schemas";
import * as caseSettings from "@/lib/cases/settings";
import * as caseSettingsSchemas from "@/lib/cases/settings-schemas";
import * as fundSchemas from "@/lib/funds/schemas";
import { HIDDEN_CONTROL, readSearchParams, stripControl, zLine, zText } from "@/lib/forms/text";
import { errorText } from "@/lib/i18n";
import { availableLocales, messagesFor } from "@/lib/i18n/catalogues";
import * as partnerSchemas from "@/lib/partners/schemas";
import * as peopleSchemas from "@/lib/people/schemas";
import * as tenancySchemas from "@/lib/tenancy/schemas";

type TDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: TDef } })._zod.def;

/** Every path to a field of the schema's input (objects, records, arrays, wrappers walked through). */
function fieldPaths(schema: z.ZodType, at: (string | number)[] = []): (string | number)[][] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
      return fieldPaths(def.innerType!, at);
    case "pipe":
      return defOf(def.in!).type === "transform" ? fieldPaths(def.out!, at) : fieldPaths(def.in!, at);
    case "object":
      return Object.entries(def.shape!).flatMap(([key, field]) => fieldPaths(field, [...at, key]));
    case "record":
      return fieldPaths(def.valueType!, [...at, "key"]);
    case "array":
      return fieldPaths(def.element!, [...at, 0]);
    default:
      return [at];
  }
}

function inputWith(path: (string | number)[], value: string): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === "number" ? [inputWith(rest, value)] : { [head!]: inputWith(rest, value) };
}

const startsWith = (path: PropertyKey[], prefix: (string | number)[]) => prefix.every((p, i) => String(path[i]) === String(p));

/** The fields of the schema that take "\u0000" without complaint. */
function acceptsNul(schema: z.ZodType): string[] {
  return fieldPaths(schema)
    .filter((path) => {
      const r = schema.safeParse(inputWith(path, "a\u0000b"));
      return r.success || !r.error.issues.some((issue) => startsWith(issue.path, path));
    })
    .map((path) => path.join(".") || "(the value)");
}

const MODULES: Record<string, Record<string, unknown>> = {
  "lib/applications/schemas": applicationSchemas,
  "lib/auth/schemas": authSchemas,
  "lib/cases/forms": caseForms,
  "lib/cases/schemas": caseSchemas,
  "lib/cases/settings": caseSettings,
  "lib/cases/settings-schemas": caseSettingsSchemas,
  "lib/funds/schemas": fundSchemas,
  "lib/partners/schemas": partnerSchemas,
  "lib/people/schemas": peopleSchemas,
  "lib/tenancy/schemas": tenancySchemas,
};
// URL queries: forgiving by design (.catch), cleaned by readSearchParams rather than refused.
const QUERIES = new Set(["ZHistoryFilter"]);
// An amendment's value is unknown until its field is known: each field's own schema checks it (below).
const CHECKED_ELSEWHERE = new Set(["value"]);
const isSchema = (v: unknown): v is z.ZodType => typeof v === "object" && v !== null && "_zod" in v && "safeParse" in v;

describe("control characters in typed text", () => {
  const schemas = Object.entries(MODULES).flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(([name, value]) => /^Z[A-Z]/.test(name) && !QUERIES.has(name) && isSchema(value))
      .map(([name, value]) => [`${file} ${name}`, value as z.ZodType] as const),
  );
  const steps = STEP_IDS.map((id) => [`application step ${id}`, STEPS[id].schema as unknown as z.ZodType] as const);

  it("finds the schemas it walks", () => {
    expect(schemas.length).toBeGreaterThan(25);
    expect(steps.length).toBeGreaterThan(10);
  });

  it.each([...schemas, ...steps])("%s: every field refuses a NUL byte", (name, schema) => {
    expect(acceptsNul(schema).filter((field) => !(name.endsWith("ZAmendment") && CHECKED_ELSEWHERE.has(field)))).toEqual([]);
  });

  it.each(Object.entries(AMENDABLE_FIELDS))("an amendment of %s refuses a NUL byte", (_field, schema) => {
    expect(acceptsNul(schema as z.ZodType)).toEqual([]);
  });

  it("refuses other C0 controls; allows tab and line breaks only in free text", () => {
    expect(zLine().safeParse("Ay\u001bşe").success).toBe(false);
    expect(zLine().safeParse("a\tb").success).toBe(false);
    expect(zLine().safeParse("Ayşe Yılmaz").success).toBe(true);
    expect(zText().safeParse("line one\r\nline two\tend").success).toBe(true);
    expect(zText().safeParse("bell\u0007").success).toBe(false);
    expect(zText().safeParse("nul\u0000").error?.issues[0]?.message).toBe(HIDDEN_CONTROL);
  });

  it("has words for the error in every language residents are offered", () => {
    expect(errorText(messagesFor("en"), HIDDEN_CONTROL)).toContain("hidden control characters");
    expect(errorText(messagesFor("tr"), HIDDEN_CONTROL)).toMatch(/denetim karakter/);
    expect(availableLocales().length).toBe(7);
    for (const { code } of availableLocales()) expect(errorText(messagesFor(code), HIDDEN_CONTROL), code).not.toBe(HIDDEN_CONTROL);
  });
});

describe("control characters in URL queries", () => {
  it("strips them from every value and key, keeping the rest", async () => {
    expect(stripControl("a\u0000b\u001f")).toBe("ab");
    expect(await readSearchParams(Promise.resolve({ q: "\u0000Kaya", status: ["open", "\u0000"], none: undefined }))).toEqual({ q: "Kaya", status: ["open", ""], none: undefined });
  });
});
