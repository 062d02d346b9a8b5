// The page for a request over MAX_REQUEST_BODY_BYTES, served by the proxy before any page renders.
import { dirFor, type TLocale } from "@/lib/i18n";
import { messagesFor, servedLocale } from "@/lib/i18n/catalogues";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained error page (the proxy answers before any page renders). */
export function tooLargePage(wanted: TLocale, nonce: string, backHref: string): string {
  // The language the words are in (English for a language whose catalogues have not landed).
  const locale = servedLocale(wanted);
  const { tooLarge } = messagesFor(locale);
  const body = tooLarge.body.replace("{limit}", "1 MB");
  return `<!DOCTYPE html><html lang="${locale}" dir="${dirFor(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(tooLarge.title)} – Money Hub</title>
<style nonce="${nonce}">body{font-family:Arial,sans-serif;color:#0b0c0c;margin:0}main{max-width:960px;margin:0 auto;padding:40px 15px}h1{font-size:2.25rem;margin:0 0 20px}p{font-size:1.1875rem;line-height:1.3}a{color:#1d70b8}a:focus{background:#fd0;color:#0b0c0c;outline:none}</style></head>
<body><main id="main-content"><h1>${escape(tooLarge.title)}</h1><p>${escape(body)}</p><p><a href="${escape(backHref)}">${escape(tooLarge.back)}</a></p></main></body></html>`;
}
