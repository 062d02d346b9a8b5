import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALE_TABLE, dirFor, intlLocale, isLocale, unknownOverrideKeys } from "@/lib/i18n";
import { availableLocales, hasCatalogue, messagesFor, residentMessages, servedLocale } from "@/lib/i18n/catalogues";
import { RESIDENT_NAMESPACES } from "@/lib/i18n/namespaces";
import { parseSettingsToSave } from "@/lib/tenancy/save-settings";
import { tooLargePage } from "@/lib/security/too-large-page";
import { formatDateFor } from "@/lib/dates";
import { formatPence } from "@/lib/money";
import { LANGUAGES } from "@/lib/applications/step-fields";

// Every language a resident can be shown must say everything English says: a missing key would
// show a key, or English, in the middle of a Polish page. Runs over every registered language
// whose catalogues exist, so a language added as JSON is checked the moment it lands.

type TTree = { [key: string]: unknown };

/** Leaf paths of a catalogue tree ("steps.nrpf.fields.nrpf.hint"); arrays count as one leaf. */
function leaves(tree: TTree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === "object" && !Array.isArray(v)) for (const [p, w] of leaves(v as TTree, `${prefix}${k}.`)) out.set(p, w);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

/** The ICU arguments a message uses ({council}, {count, plural, …}), without the words inside plural branches. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*(?:[,}])/g)].map((m) => m[1]!))].sort();
}

/** What a language lacks against English, and what it has that English does not. */
export function compareCatalogue(english: TTree, other: TTree): { missing: string[]; extra: string[]; wrongArguments: string[] } {
  const en = leaves(english);
  const xx = leaves(other);
  const missing = [...en.keys()].filter((k) => typeof xx.get(k) !== typeof en.get(k) || (Array.isArray(en.get(k)) && (xx.get(k) as unknown[]).length !== (en.get(k) as unknown[]).length) || (xx.get(k) === "" && en.get(k) !== ""));
  const extra = [...xx.keys()].filter((k) => !en.has(k));
  const wrongArguments = [...en.keys()].filter((k) => typeof en.get(k) === "string" && typeof xx.get(k) === "string" && argumentsOf(en.get(k) as string).join() !== argumentsOf(xx.get(k) as string).join());
  return { missing, extra, wrongArguments };
}

const english = residentMessages("en");
const withCatalogues = LOCALE_TABLE.filter((l) => hasCatalogue(l.code) && l.code !== "en").map((l) => l.code);

describe("every language says everything English says", () => {
  it("the comparison sees a missing key, an extra key and a lost placeholder", () => {
    const en = { a: { b: "Hello {name}", c: "x" }, list: ["1", "2"] };
    expect(compareCatalogue(en, { a: { b: "Merhaba" }, list: ["1"], z: "y" })).toEqual({ missing: ["a.c", "list"], extra: ["z"], wrongArguments: ["a.b"] });
    expect(compareCatalogue(en, { a: { b: "Merhaba {name}", c: "x" }, list: ["1", "2"] })).toEqual({ missing: [], extra: [], wrongArguments: [] });
  });

  it("Turkish is there (the check below is not over an empty list)", () => {
    expect(withCatalogues).toContain("tr");
  });

  it.each(withCatalogues)("%s: every resident namespace, every key, the same placeholders", (locale) => {
    const other = residentMessages(locale);
    for (const ns of RESIDENT_NAMESPACES) {
      const result = compareCatalogue(english[ns] as TTree, other[ns] as TTree);
      expect(result.missing, `${locale}/${ns}.json lacks`).toEqual([]);
      expect(result.extra, `${locale}/${ns}.json has keys English does not`).toEqual([]);
      expect(result.wrongArguments, `${locale}/${ns}.json placeholders differ from English`).toEqual([]);
    }
  });

  it("staff words are English-only, in their own namespace", () => {
    const dirs = fs.readdirSync(path.join(process.cwd(), "messages"));
    for (const dir of dirs) expect(fs.existsSync(path.join(process.cwd(), "messages", dir, "staff.json")), dir).toBe(dir === "en");
    expect(messagesFor("tr").casework).toBe(messagesFor("en").casework);
  });

  it("no message key contains a dot (next-intl reads dots as nesting)", () => {
    for (const locale of ["en" as const, ...withCatalogues]) for (const key of leaves(residentMessages(locale) as unknown as TTree).keys()) expect(key.split(".").every(Boolean), key).toBe(true);
    const staff = JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", "en", "staff.json"), "utf8")) as TTree;
    const walk = (t: TTree) => Object.entries(t).forEach(([k, v]) => (expect(k).not.toContain("."), v && typeof v === "object" && !Array.isArray(v) && walk(v as TTree)));
    walk(staff);
  });
});

describe("the locale table", () => {
  it("registers Hackney Money Hub's languages once each, with their Intl locale and direction", () => {
    expect(LOCALE_TABLE.map((l) => l.code)).toEqual(["en", "tr", "pl", "es", "fr", "bn", "yi"]);
    expect(intlLocale("en")).toBe("en-GB");
    expect(intlLocale("tr")).toBe("tr-TR");
    expect(intlLocale("bn")).toBe("bn-BD-u-nu-latn");
    expect(LOCALE_TABLE.filter((l) => l.dir === "rtl").map((l) => l.code)).toEqual(["yi"]);
    expect(dirFor("yi")).toBe("rtl");
    // Each Intl locale formats a date (a typo such as "tr_TR" would throw).
    for (const l of LOCALE_TABLE) expect(() => new Date(0).toLocaleDateString(l.intl)).not.toThrow();
  });

  it("writes pounds as £ in every language, and dates and amounts in the digits each translator chose", () => {
    // Polish, Spanish and French Intl data call the pound "GBP" (fr: "£GB") unless asked for the symbol.
    for (const l of LOCALE_TABLE) expect(formatPence(6050n, intlLocale(l.code)), l.code).toMatch(/£/);
    expect(formatPence(106050n, intlLocale("pl"))).toMatch(/^1\s?060,50\s£$/);
    // docs/translations/bn.md: Western digits wherever the resident reads a value (dates, amounts).
    expect(formatPence(6050n, intlLocale("bn"))).toContain("60.50");
    expect(formatDateFor(new Date("2026-12-08T12:00:00Z"), "bn")).toMatch(/8 .*2026/);
    expect(formatDateFor(new Date("2026-12-08T12:00:00Z"), "yi")).toContain("2026");
  });

  it("records that only English has been checked by a fluent speaker (a council asks before going live)", () => {
    expect(LOCALE_TABLE.filter((l) => l.reviewedByFluentSpeaker).map((l) => l.code)).toEqual(["en"]);
  });

  it("unknown codes fall back to English's formats; registered languages without catalogues are served in English", () => {
    expect(intlLocale("xx")).toBe("en-GB");
    expect(isLocale("yi")).toBe(true);
    expect(isLocale("de")).toBe(false);
    for (const l of LOCALE_TABLE) expect(servedLocale(l.code)).toBe(hasCatalogue(l.code) ? l.code : "en");
  });

  it("the proxy's own page (too large) says which language its words are in, and their direction", () => {
    expect(tooLargePage("tr", "n", "/x")).toContain('<html lang="tr" dir="ltr">');
    const yi = tooLargePage("yi", "n", "/x");
    expect(yi).toContain(hasCatalogue("yi") ? '<html lang="yi" dir="rtl">' : '<html lang="en" dir="ltr">');
  });

  it("offers residents exactly the languages whose catalogues exist", () => {
    expect(availableLocales().map((l) => l.code)).toEqual(LOCALE_TABLE.filter((l) => hasCatalogue(l.code)).map((l) => l.code));
    expect(availableLocales().map((l) => l.code)).toEqual(expect.arrayContaining(["en", "tr"]));
  });
});

describe("the resident's 'Which language would you like us to use?' question", () => {
  it("offers every language the service is offered in, named in every language's catalogue", () => {
    for (const l of LOCALE_TABLE) expect(LANGUAGES, l.code).toContain(l.code);
    for (const { code } of availableLocales()) {
      const options = residentMessages(code).steps.language.fields.preferredLanguage.options as Record<string, string>;
      for (const language of LANGUAGES) expect(options[language], `${code}: ${language}`).toBeTruthy();
      // A language is named in itself too, so a resident finds their own whatever the page's language.
      for (const l of LOCALE_TABLE) if (l.code !== code && l.code !== "en") expect(options[l.code], `${code}: ${l.code}`).toContain(l.name);
    }
  });
});

describe("a council's wording overrides", () => {
  it("name messages we have; a typo or a group is reported", () => {
    const en = messagesFor("en");
    expect(unknownOverrideKeys(en, { "start.beforeText": { en: "x" }, "confirmation.whatNextText": { tr: "y" } })).toEqual([]);
    expect(unknownOverrideKeys(en, { "start.beforeTxt": { en: "x" }, start: { en: "y" }, "errors.fullName.required": { en: "z" } })).toEqual(["start.beforeTxt", "start"]);
  });

  it("are refused when a council saves one that names no message (it used to be dropped without a word)", () => {
    expect(() => parseSettingsToSave({ wordingOverrides: { "confirmation.whatNextTxt": { en: "Soon" } } })).toThrow(/confirmation\.whatNextTxt/);
    expect(parseSettingsToSave({ wordingOverrides: { "confirmation.whatNextText": { en: "Soon", yi: "באַלד" } } }).wordingOverrides["confirmation.whatNextText"]).toEqual({ en: "Soon", yi: "באַלד" });
  });
});
