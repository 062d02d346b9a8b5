import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { getPath } from "@/lib/i18n";
import { messagesFor } from "@/lib/i18n/catalogues";

// Staff pages read their words from the staff catalogue (messages/en/staff.json, ADR 0019), not
// English written in JSX. This parses every .tsx file of the staff pages, the platform page and
// the staff components, and fails on a JSX text node, or a string-literal value of an attribute
// that people read (title, label, hint, aria-label, placeholder, alt), that holds a letter.
// Punctuation and symbols ("£", "–", ": ") may stay.

const root = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app/[council]/staff", "app/(site)/staff", "app/(site)/platform", "components/cases", "components/awards", "components/funds", "components/people", "components/platform", "components/ui", "components/documents", "components/advice", "components/duplicates", "components/information", "components/payments"];
const READ_ATTRIBUTES = new Set(["title", "label", "hint", "aria-label", "placeholder", "alt"]);
const LETTER = /\p{L}/u;

function tsxFiles(dir: string, out: string[] = []): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return out;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) tsxFiles(rel, out);
    else if (entry.name.endsWith(".tsx")) out.push(rel);
  }
  return out;
}

/** Every English word written in a file's JSX, as "line: text". */
function englishInJsx(file: string, source = fs.readFileSync(path.join(root, file), "utf8")): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, text: string) => found.push(`${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${text.trim()}`);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) at(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      let value: ts.Node | undefined = node.initializer;
      if (ts.isJsxExpression(value)) value = value.expression;
      if (value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) && LETTER.test(value.text)) at(node, `${node.name.getText(sf)}="${value.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Every `t("key")` whose `t` came from `getTranslations("<namespace>")` in the file, as
 * "namespace.key" (keys built at run time are skipped).
 */
function translationKeys(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const namespaces = new Map<string, string>();
  const namespaceOf = (e: ts.Expression | undefined): string | undefined => {
    while (e && ts.isAwaitExpression(e)) e = e.expression;
    return e && ts.isCallExpression(e) && e.expression.getText(sf) === "getTranslations" && e.arguments[0] && ts.isStringLiteral(e.arguments[0]) ? e.arguments[0].text : undefined;
  };
  const keys: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && node.initializer) {
      if (ts.isIdentifier(node.name)) {
        const ns = namespaceOf(node.initializer);
        if (ns) namespaces.set(node.name.text, ns);
      } else if (ts.isArrayBindingPattern(node.name)) {
        let init: ts.Expression = node.initializer;
        while (ts.isAwaitExpression(init)) init = init.expression;
        const list = ts.isCallExpression(init) && init.arguments[0] && ts.isArrayLiteralExpression(init.arguments[0]) ? init.arguments[0].elements : undefined;
        node.name.elements.forEach((el, i) => {
          const ns = list ? namespaceOf(list[i]) : undefined;
          if (ns && ts.isBindingElement(el) && ts.isIdentifier(el.name)) namespaces.set(el.name.text, ns);
        });
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      keys.push(`${namespaces.get(node.expression.text)}.${node.arguments[0].text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return keys;
}

describe("staff words come from the staff catalogue", () => {
  const files = DIRS.flatMap((d) => tsxFiles(d));

  it("finds the staff pages and components", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)("%s has no English in its JSX", (file) => {
    expect(englishInJsx(file)).toEqual([]);
  });

  it("every key a staff page asks getTranslations for is in the catalogue", () => {
    const english = messagesFor("en");
    const keys = files.flatMap((f) => translationKeys(f).map((k) => [f, k] as const));
    expect(keys.length).toBeGreaterThan(100);
    for (const [file, key] of keys) expect(typeof getPath(english, key), `${file}: ${key}`).toBe("string");
  });

  it("catches a text node and a read attribute, and lets symbols through", () => {
    const src = `const a = <p title="Pot" aria-label={"Close"} className="x">Hello {name}</p>;\nconst b = <span label="£">–</span>;`;
    expect(englishInJsx("x.tsx", src)).toEqual(['1: title="Pot"', '1: aria-label="Close"', "1: Hello"]);
  });
});
