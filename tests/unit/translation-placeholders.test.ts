import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isLocale } from "@/lib/i18n";
import { RESIDENT_NAMESPACES } from "@/lib/i18n/namespaces";

// Every catalogue in messages/<locale>/ must keep English's placeholders exactly: a dropped one
// hides a reference number or a phone from a resident, an extra or renamed one shows "{phone}".
// Messages are ICU (ADR 0019), so the argument of a plural or select ({count, plural, …}) is a
// placeholder too, and so is every argument inside its branches. The missing-key test
// (tests/unit/i18n-catalogues.test.ts) checks the keys; this checks what is inside the strings.
// Catalogues are found by directory (messages/xx/), so a new language is checked without editing this.

type TTree = unknown;

const ROOT = path.join(process.cwd(), "messages");
const readNs = (locale: string, ns: string): TTree => JSON.parse(fs.readFileSync(path.join(ROOT, locale, `${ns}.json`), "utf8"));

/**
 * The arguments an ICU message uses, and what is wrong with its syntax. A small reader of ICU
 * MessageFormat as next-intl reads it: `{name}`, `{n, number}`, `{n, plural|select|selectordinal,
 * key {…} …}` with nested messages, and apostrophe quoting ('{' is a literal brace).
 */
export function icuArguments(message: string): { args: string[]; errors: string[] } {
  const args = new Set<string>();
  const errors: string[] = [];
  let i = 0;
  const ws = () => {
    while (i < message.length && /\s/.test(message[i]!)) i++;
  };
  const word = () => {
    const start = i;
    while (i < message.length && /[^\s{},]/.test(message[i]!)) i++;
    return message.slice(start, i);
  };
  // Text until the closing brace of the enclosing branch (depth > 0) or the end.
  const text = (depth: number, inPlural: boolean): void => {
    while (i < message.length) {
      const ch = message[i]!;
      if (ch === "'") {
        const next = message[i + 1];
        if (next === "'") i += 2;
        else if (next === "{" || next === "}" || (inPlural && next === "#")) {
          const end = message.indexOf("'", i + 1);
          if (end < 0) return void (errors.push("unclosed quote"), (i = message.length));
          i = end + 1;
        } else i++;
      } else if (ch === "{") {
        i++;
        argument(depth, inPlural);
      } else if (ch === "}") {
        if (depth > 0) return;
        errors.push("stray }");
        i++;
      } else i++;
    }
    if (depth > 0) errors.push("unclosed {");
  };
  const argument = (depth: number, inPlural: boolean): void => {
    ws();
    const name = word();
    if (!/^[A-Za-z_]\w*$/.test(name)) errors.push(`not an argument name: "{${name}"`);
    else args.add(name);
    ws();
    if (message[i] === "}") return void i++;
    if (message[i] !== ",") return void errors.push(`"{${name}" is not closed`);
    i++;
    ws();
    const type = word();
    ws();
    if (type === "plural" || type === "select" || type === "selectordinal") {
      if (message[i] !== ",") return void errors.push(`{${name}, ${type}} has no branches`);
      i++;
      let branches = 0;
      for (;;) {
        ws();
        if (i >= message.length) return void errors.push(`{${name}, ${type}} is not closed`);
        if (message[i] === "}") break;
        const key = word();
        if (key.startsWith("offset:")) continue;
        ws();
        if (!key || message[i] !== "{") return void errors.push(`{${name}, ${type}}: branch "${key}" has no message`);
        i++;
        text(depth + 1, inPlural || type !== "select");
        if (message[i] !== "}") return;
        i++;
        branches++;
      }
      i++;
      if (!branches) errors.push(`{${name}, ${type}} has no branches`);
      return;
    }
    // {n, number}, {d, date, short}, {n, number, ::currency/GBP}: a style, then the closing brace.
    if (message[i] === ",") {
      const end = message.indexOf("}", i);
      if (end < 0) return void errors.push(`{${name}, ${type}} is not closed`);
      i = end;
    }
    if (message[i] !== "}") return void errors.push(`{${name}, ${type}} is not closed`);
    i++;
  };
  text(0, false);
  return { args: [...args].sort(), errors };
}

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
export function catalogueProblems(source: TTree, translated: TTree): string[] {
  const problems: string[] = [];
  for (const p of pairs(source, translated)) {
    if (typeof p.translated !== "string") {
      problems.push(`${p.path}: missing`);
      continue;
    }
    const want = icuArguments(p.source).args.join(",");
    const got = icuArguments(p.translated);
    if (want !== got.args.join(",")) problems.push(`${p.path}: placeholders {${got.args.join(",")}} instead of {${want}}`);
    // Unbalanced or misspelt braces ("{ phone", "phone}") would reach the resident as they are, or fail the message.
    for (const e of got.errors) problems.push(`${p.path}: ${e}`);
    if (p.source !== "" && p.translated.trim() === "") problems.push(`${p.path}: empty`);
    if (/<\/?[a-z][^>]*>/i.test(p.translated)) problems.push(`${p.path}: HTML`);
    if (p.source.includes("Money Hub") && !p.translated.includes("Money Hub")) problems.push(`${p.path}: "Money Hub" translated or dropped`);
    if (p.source.includes("£") && !p.translated.includes("£")) problems.push(`${p.path}: "£" dropped`);
  }
  return problems;
}

const codes = fs
  .readdirSync(ROOT)
  .filter((dir) => /^[a-z]{2,3}$/.test(dir) && dir !== "en")
  .sort();

describe("translated message catalogues", () => {
  it("finds the catalogues next to English's, each a registered language", () => {
    expect(codes).toEqual(["bn", "es", "fr", "pl", "tr", "yi"]);
    for (const code of codes) expect(isLocale(code), `messages/${code}/ is not in lib/i18n/locales.ts`).toBe(true);
  });

  it("English's own messages are well-formed ICU", () => {
    for (const ns of RESIDENT_NAMESPACES) for (const p of pairs(readNs("en", ns), readNs("en", ns))) expect(icuArguments(p.source).errors, `en/${ns}.json ${p.path}`).toEqual([]);
    const staff = readNs("en", "staff");
    for (const p of pairs(staff, staff)) expect(icuArguments(p.source).errors, `en/staff.json ${p.path}`).toEqual([]);
  });

  it.each(codes)("%s keeps every English placeholder, and no more, in every string", (code) => {
    for (const ns of RESIDENT_NAMESPACES) expect(catalogueProblems(readNs("en", ns), readNs(code, ns)), `messages/${code}/${ns}.json`).toEqual([]);
  });

  it("reports a dropped, renamed or added placeholder, a missing string and a lost brace", () => {
    const source = { a: "Call {phone} about {reference}", b: { c: "Hello {name}" }, d: ["{x} items"], e: "Money Hub" };
    expect(catalogueProblems(source, { a: "Appelez le {phone}", b: { c: "Bonjour {nom}" }, d: ["{x} {y}"], e: "Money Hub" })).toEqual([
      "a: placeholders {phone} instead of {phone,reference}",
      "b.c: placeholders {nom} instead of {name}",
      "d.0: placeholders {x,y} instead of {x}",
    ]);
    expect(catalogueProblems(source, { a: "{phone} {reference", b: {}, d: ["{x}"], e: "Centre d'argent" })).toEqual([
      "a: \"{reference\" is not closed",
      "b.c: missing",
      "e: \"Money Hub\" translated or dropped",
    ]);
    expect(catalogueProblems(source, { a: "{reference}: {phone}", b: { c: "{name}" }, d: ["{x}"], e: "Money Hub" })).toEqual([]);
  });

  it("counts a plural's or a select's argument, and the arguments in its branches, as placeholders", () => {
    const source = { n: "{count, plural, one {# award from {pot}} other {# awards from {pot}}}", s: "{capped, select, yes {More than {count, number}} other {{count}}}" };
    expect(icuArguments(source.n)).toEqual({ args: ["count", "pot"], errors: [] });
    expect(icuArguments(source.s)).toEqual({ args: ["capped", "count"], errors: [] });
    expect(icuArguments("It'''s {name}'s turn, '{literal}'")).toEqual({ args: ["name"], errors: [] });
    expect(
      catalogueProblems(source, {
        n: "{count, plural, one {# nagroda} few {# nagrody} many {# nagród} other {# nagrody}}",
        s: "{capped, select, yes {Ponad {count, number}} other {{count}}}",
      }),
    ).toEqual(["n: placeholders {count} instead of {count,pot}"]);
    expect(catalogueProblems(source, { n: "# nagrody z {pot}", s: "{capped, select, yes {Ponad {count}} other {{count}}" })).toEqual([
      "n: placeholders {pot} instead of {count,pot}",
      "s: {capped, select} is not closed",
    ]);
  });
});
