// Every server action refuses a request whose Origin is foreign, "null" or missing (issue 7,
// finding 6). The actions are found, not listed: every module that starts with "use server" is
// imported and each exported function is called as Next.js would call it, with arguments built
// from its parameter names (a new parameter name fails this test until it is taught here).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { STEP_IDS } from "@/lib/applications/steps";
import { EMPTY_FORM_STATE } from "@/lib/forms/form-state";
import { ForbiddenError } from "@/lib/security/request";
import { createCouncil } from "@/prisma/factories";
import { testDb } from "../support/globals";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));

const root = path.resolve(import.meta.dirname, "../..");
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}
const files = ["app", "lib", "components"].flatMap(sourceFiles);
const actionModules = files.filter((f) => /^\s*["']use server["']/.test(fs.readFileSync(path.join(root, f), "utf8")));

function formData(): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ token: "t".repeat(43), email: "someone@hackwell.example", password: "a long enough password", code: "123456", name: "X" })) fd.set(k, v);
  return fd;
}

/** The arguments Next.js passes, by parameter name (bound arguments first, then the form's). */
function argumentsFor(fn: (...args: never[]) => unknown): unknown[] {
  const params = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? "";
  return params
    .split(",")
    .map((p) => p.trim().split(/[\s=:]/)[0]!)
    .filter(Boolean)
    .map((name) => {
      switch (name.replace(/^_/, "")) {
        case "councilSlug":
          return "hackwell";
        case "stepId":
          return STEP_IDS[0];
        case "change":
          return false;
        case "prev":
          return EMPTY_FORM_STATE;
        case "formData":
          return formData();
        case "token":
          return "t".repeat(43);
        case "draftId":
          return "00000000-0000-4000-8000-000000000000";
        default:
          throw new Error(`Teach this test the server-action parameter "${name}" (${fn.name})`);
      }
    });
}

const actions: { name: string; fn: (...args: unknown[]) => Promise<unknown> }[] = [];

beforeAll(async () => {
  await createCouncil(testDb().owner, { slug: "hackwell", name: "Hackwell" });
  for (const file of actionModules) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") actions.push({ name: `${file}: ${name}`, fn: value as (...args: unknown[]) => Promise<unknown> });
    }
  }
});

beforeEach(() => {
  request.headers = new Headers({ host: "localhost:3000" });
});

async function outcome(fn: (...args: unknown[]) => Promise<unknown>): Promise<unknown> {
  try {
    return await fn(...argumentsFor(fn as (...args: never[]) => unknown));
  } catch (error) {
    return error;
  }
}

describe("every server action checks the request's Origin", () => {
  it("finds the server actions (and no inline 'use server' functions it could miss)", () => {
    expect(actionModules.length).toBeGreaterThanOrEqual(5);
    expect(actions.length).toBeGreaterThanOrEqual(20);
    const inline = files.filter((f) => !actionModules.includes(f) && /["']use server["']/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(inline).toEqual([]);
  });

  const cases: [string, Record<string, string>, RegExp][] = [
    ["a foreign Origin", { origin: "https://evil.example" }, /Cross-origin/],
    ["a foreign Origin that names itself in X-Forwarded-Host (no trusted proxy)", { origin: "https://evil.example", "x-forwarded-host": "evil.example" }, /Cross-origin/],
    ['Origin "null" (sandboxed frame, data: URL)', { origin: "null" }, /Missing request origin/],
    ["no Origin at all", {}, /Missing request origin/],
  ];
  for (const [what, extra, message] of cases) {
    it(`refuses ${what}, in every action`, async () => {
      const results: Record<string, string> = {};
      for (const a of actions) {
        request.headers = new Headers({ host: "localhost:3000", ...extra });
        const r = await outcome(a.fn);
        results[a.name] = r instanceof ForbiddenError && message.test(r.message) ? "refused" : `NOT refused: ${r instanceof Error ? r.message : JSON.stringify(r)}`;
      }
      expect(results).toEqual(Object.fromEntries(actions.map((a) => [a.name, "refused"])));
    });
  }

  it("lets our own Origin through the check (so the refusals above are the Origin's doing)", async () => {
    for (const a of actions) {
      request.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
      const r = await outcome(a.fn);
      expect(r instanceof ForbiddenError ? `${a.name}: ${r.message}` : "passed").toBe("passed");
    }
  });
});
