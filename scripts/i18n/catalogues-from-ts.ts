// `npm run i18n:from-ts -- lib/i18n/messages/pl.ts [pl]`: turns a catalogue written as a
// TypeScript object in the old shape (`export const pl: TMessages = { common: {...}, ... }`) into
// the JSON catalogues next-intl reads, one file per namespace: messages/<locale>/<namespace>.json.
//
// - Only resident words are written. Staff words are English-only and live in messages/en/staff.json;
//   a TS file's staff blocks (spread from the English staff modules, as tr.ts did) are dropped: its
//   imports are replaced by empty stubs, so the file needs none of the old modules to convert.
// - `meta` (name, direction) is dropped: that is the locale table's job (lib/i18n/locales.ts).
// - Message keys never contain a dot (next-intl reads dots as nesting): an error key such as
//   "dateOfBirth.required" becomes { "dateOfBirth": { "required": ... } }.
// - {name} placeholders are already ICU and pass through unchanged. No resident string had its
//   plural built in code (the staff counts did: they are ICU plurals in messages/en/staff.json);
//   a new sentence with a number is written as an ICU plural in the JSON directly.
// - A key the English catalogue does not have is an error (a typo would be a word nobody reads).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { RESIDENT_NAMESPACES, type TResidentNamespace } from "../../lib/i18n/namespaces";

const root = path.resolve(import.meta.dirname, "../..");
const out = (locale: string, ns: string) => path.join(root, "messages", locale, `${ns}.json`);

type TTree = { [key: string]: string | string[] | TTree };

/** Evaluates a TS catalogue module with every import replaced by an empty stub; returns its one exported object. */
export function loadTsCatalogue(file: string): TTree {
  const source = fs.readFileSync(file, "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const stub = new Proxy({}, { get: (_t, key) => (key === "__esModule" ? false : {}) });
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  // The catalogue is our own source file (a reviewed commit), evaluated as plain data.
  new Function("exports", "require", "module", js)(mod.exports, (id: string) => (id.startsWith(".") && !id.includes("messages") ? createRequire(file)(id) : stub), mod);
  const values = Object.values(mod.exports).filter((v) => v && typeof v === "object");
  if (values.length !== 1) throw new Error(`${file}: expected one exported catalogue object, found ${values.length}`);
  return values[0] as TTree;
}

/** "a.b": "x" -> { a: { b: "x" } }, refusing a key that is both a word and a group. */
export function nestDottedKeys(tree: TTree, where = ""): TTree {
  const outTree: TTree = {};
  for (const [key, value] of Object.entries(tree)) {
    const parts = key.split(".");
    let node = outTree;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === "string" || Array.isArray(next)) throw new Error(`${where}${key}: "${part}" is both a message and a group`);
      node = (node[part] ??= {}) as TTree;
    }
    const last = parts.at(-1)!;
    const nested = typeof value === "string" || Array.isArray(value) ? value : nestDottedKeys(value, `${where}${key}.`);
    if (last in node) throw new Error(`${where}${key}: defined twice`);
    node[last] = nested;
  }
  return outTree;
}

function dropEmpty(tree: TTree): TTree {
  const outTree: TTree = {};
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "object" && !Array.isArray(v)) {
      const inner = dropEmpty(v);
      if (Object.keys(inner).length) outTree[k] = inner;
    } else outTree[k] = v;
  }
  return outTree;
}

/** The resident namespaces of a TS catalogue, as they go into JSON. */
export function residentNamespaces(catalogue: TTree): Record<TResidentNamespace, TTree> {
  const unknown = Object.keys(catalogue).filter((k) => k !== "meta" && k !== "casework" && !(RESIDENT_NAMESPACES as readonly string[]).includes(k));
  if (unknown.length) throw new Error(`Unknown top-level blocks: ${unknown.join(", ")} (add them to lib/i18n/namespaces.ts first)`);
  const result = {} as Record<TResidentNamespace, TTree>;
  for (const ns of RESIDENT_NAMESPACES) {
    const block = catalogue[ns];
    if (!block || typeof block !== "object" || Array.isArray(block)) throw new Error(`Missing block: ${ns}`);
    result[ns] = dropEmpty(nestDottedKeys(block));
  }
  return result;
}

function deepMerge(base: TTree, top: TTree): TTree {
  const merged: TTree = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const b = merged[k];
    merged[k] = b && typeof b === "object" && !Array.isArray(b) && typeof v === "object" && !Array.isArray(v) ? deepMerge(b, v) : v;
  }
  return merged;
}

/**
 * `npm run i18n:from-ts -- --staff lib/i18n/messages/staff-en.ts [more.ts]`: staff words written in
 * the old modules (`staffCaseworkEn`, `…ErrorsEn`) merged into messages/en/staff.json (keys the
 * JSON already has keep their place; a changed text is updated; nothing is removed). The modules
 * are imported for real (they may compute keys from our own lists), so run it in a tree that has them.
 */
async function staffMain(files: string[]) {
  const file = out("en", "staff");
  let staff = JSON.parse(fs.readFileSync(file, "utf8")) as TTree;
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.resolve(f)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!value || typeof value !== "object") continue;
      if (/ErrorsEn$/.test(name)) staff = deepMerge(staff, { errors: nestDottedKeys(value as TTree) });
      else if (name === "staffCaseworkEn") staff = deepMerge(staff, { casework: nestDottedKeys(value as TTree) });
    }
  }
  fs.writeFileSync(file, `${JSON.stringify(staff, null, 2)}\n`);
  console.log("Merged staff words into messages/en/staff.json");
}

function main() {
  if (process.argv[2] === "--staff") return void staffMain(process.argv.slice(3));
  const [file, localeArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: npm run i18n:from-ts -- <catalogue.ts> [locale]");
  const locale = localeArg ?? path.basename(file, ".ts");
  if (!/^[a-z]{2,3}$/.test(locale)) throw new Error(`Not a locale code: ${locale}`);
  const namespaces = residentNamespaces(loadTsCatalogue(path.resolve(file)));
  // Against English: no key English lacks (missing keys are reported by tests/unit/i18n-catalogues.test.ts).
  if (locale !== "en") {
    for (const ns of RESIDENT_NAMESPACES) {
      const english = JSON.parse(fs.readFileSync(out("en", ns), "utf8")) as TTree;
      const extra = extraKeys(namespaces[ns], english, `${ns}.`);
      if (extra.length) throw new Error(`Keys English does not have: ${extra.join(", ")}`);
    }
  }
  fs.mkdirSync(path.dirname(out(locale, "x")), { recursive: true });
  for (const ns of RESIDENT_NAMESPACES) fs.writeFileSync(out(locale, ns), `${JSON.stringify(namespaces[ns], null, 2)}\n`);
  console.log(`Wrote ${RESIDENT_NAMESPACES.length} namespaces to messages/${locale}/`);
}

export function extraKeys(tree: TTree, english: TTree, prefix = ""): string[] {
  const extra: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    if (!(k in english)) extra.push(`${prefix}${k}`);
    else if (typeof v === "object" && !Array.isArray(v) && typeof english[k] === "object") extra.push(...extraKeys(v, english[k] as TTree, `${prefix}${k}.`));
  }
  return extra;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
