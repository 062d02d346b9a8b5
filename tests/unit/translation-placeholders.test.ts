import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";

// Every catalogue in lib/i18n/messages must keep English's {placeholders} exactly: a dropped one
// hides a reference number or a phone from a resident, an extra or renamed one shows "{phone}".
// TypeScript checks the keys; this checks what is inside the strings, which it cannot.
// Catalogues are found by name (xx.ts or xxx.ts), so a new language is checked without editing this.

type TTree = unknown;

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** Every string in `source` paired with what `translated` holds at the same path. */
function* pairs(source: TTree, translated: TTree, path: string[] = []): Generator<{ path: string; source: string; translated: unknown }> {
  if (typeof source === "string") {
    yield { path: path.join("."), source, translated };
    return;
  }
  if (source === null || typeof source !== "object") return;
  for (const [key, child] of Object.entries(source)) {
    const other = translated !== null && typeof translated === "object" ? (translated as Record<string, unknown>)[key] : undefined;
    yield* pairs(child, other, [...path, key]);
  }
}

/** What is wrong with a catalogue's strings compared with English; empty when nothing is. */
function catalogueProblems(source: TTree, translated: TTree): string[] {
  const problems: string[] = [];
  for (const p of pairs(source, translated)) {
    if (typeof p.translated !== "string") {
      problems.push(`${p.path}: missing`);
      continue;
    }
    const want = placeholders(p.source).join(",");
    const got = placeholders(p.translated).join(",");
    if (want !== got) problems.push(`${p.path}: placeholders {${got}} instead of {${want}}`);
    // Unbalanced or misspelt braces ("{ phone}", "{phone") would reach the resident as they are.
    if ((p.translated.match(/[{}]/g) ?? []).length !== 2 * (p.translated.match(/\{\w+\}/g) ?? []).length) problems.push(`${p.path}: stray brace`);
    if (p.source !== "" && p.translated.trim() === "") problems.push(`${p.path}: empty`);
    if (/<\/?[a-z][^>]*>/i.test(p.translated)) problems.push(`${p.path}: HTML`);
    if (p.source.includes("Money Hub") && !p.translated.includes("Money Hub")) problems.push(`${p.path}: "Money Hub" translated or dropped`);
    if (p.source.includes("£") && !p.translated.includes("£")) problems.push(`${p.path}: "£" dropped`);
  }
  return problems;
}

const DIR = new URL("../../lib/i18n/messages/", import.meta.url);
const codes = fs
  .readdirSync(DIR)
  .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
  .filter((code): code is string => code !== undefined && code !== "en")
  .sort();
const catalogues = await Promise.all(
  codes.map(async (code) => {
    const exported = (await import(`../../lib/i18n/messages/${code}.ts`)) as Record<string, unknown>;
    return [code, exported[code]] as const;
  }),
);

describe("translated message catalogues", () => {
  it("finds the catalogues next to en.ts", () => {
    expect(codes).toContain("tr");
    for (const [code, messages] of catalogues) expect(messages, `${code}.ts must export const ${code}`).toBeTypeOf("object");
  });

  it.each(catalogues)("%s keeps every English placeholder, and no more, in every string", (code, messages) => {
    expect(catalogueProblems(en, messages)).toEqual([]);
    const meta = (messages as { meta: { name: string; dir: string } }).meta;
    expect(meta.name).not.toBe("English");
    expect(["ltr", "rtl"]).toContain(meta.dir);
  });

  it("reports a dropped, renamed or added placeholder, a missing string and a lost brace", () => {
    const source = { a: "Call {phone} about {reference}", b: { c: "Hello {name}" }, d: ["{x} items"], e: "Money Hub" };
    expect(catalogueProblems(source, { a: "Appelez le {phone}", b: { c: "Bonjour {nom}" }, d: ["{x} {y}"], e: "Money Hub" })).toEqual([
      "a: placeholders {phone} instead of {phone,reference}",
      "b.c: placeholders {nom} instead of {name}",
      "d.0: placeholders {x,y} instead of {x}",
    ]);
    expect(catalogueProblems(source, { a: "{phone} {reference", b: {}, d: ["{x}"], e: "Centre d'argent" })).toEqual([
      "a: placeholders {phone} instead of {phone,reference}",
      "a: stray brace",
      "b.c: missing",
      "e: \"Money Hub\" translated or dropped",
    ]);
    expect(catalogueProblems(source, { a: "{reference}: {phone}", b: { c: "{name}" }, d: ["{x}"], e: "Money Hub" })).toEqual([]);
  });
});
