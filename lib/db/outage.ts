// During a database outage every page answers 503 with a plain, server-rendered "Sorry, the
// service is unavailable" page (no JavaScript needed, no stack trace), and recovers by itself.
// proxy.ts asks databaseDown() before each page: the answer comes from a check made at most once
// a second, in the background while all is well, so a healthy request never waits for it.
// The proxy runs apart from the pages (its own module state), so this module keeps its own
// copy of the councils' contact details, read by the check while the database is up.
import { Pool } from "pg";
import { env } from "@/lib/env";

type TContact = { name: string; email: string; phone: string };
type TState = { down: boolean; failures: number; checkedAt: number; contactsAt: number; checking: boolean; pool?: Pool; poolUrl?: string; contacts: Map<string, TContact> };

const KEY = Symbol.for("moneyhub.outage");
function state(): TState {
  const g = globalThis as unknown as Record<symbol, TState | undefined>;
  g[KEY] ??= { down: false, failures: 0, checkedAt: 0, contactsAt: 0, checking: false, contacts: new Map() };
  return g[KEY];
}

const CHECK_EVERY_MS = 1000;
const CONTACTS_EVERY_MS = 5 * 60_000;
/** A busy server can miss one check: two failures in a row, a second apart, mean an outage. */
const FAILURES_FOR_OUTAGE = 2;

async function check(s: TState) {
  s.checking = true;
  try {
    const url = env().APP_DATABASE_URL;
    if (!s.pool || s.poolUrl !== url) {
      s.pool?.end().catch(() => undefined);
      s.pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000, query_timeout: 3000 });
      s.pool.on("error", () => undefined);
      s.poolUrl = url;
    }
    await s.pool.query("select 1");
    s.down = false;
    s.failures = 0;
    if (Date.now() - s.contactsAt >= CONTACTS_EVERY_MS) {
      // The Tenant table is public information (not tenant-owned): names and how to reach them.
      const { rows } = await s.pool.query<{ slug: string; name: string; contactEmail: string; contactPhone: string }>(
        `select slug, name, "contactEmail", "contactPhone" from "Tenant" where status = 'ACTIVE' limit 1000`,
      );
      s.contacts = new Map(rows.map((r) => [r.slug, { name: r.name, email: r.contactEmail, phone: r.contactPhone }]));
      s.contactsAt = Date.now();
    }
  } catch {
    s.failures += 1;
    if (s.failures >= FAILURES_FOR_OUTAGE) s.down = true;
    // A pool whose server went away can hold a dead connection: start afresh next time.
    const old = s.pool;
    s.pool = undefined;
    old?.end().catch(() => undefined);
  } finally {
    s.checkedAt = Date.now();
    s.checking = false;
  }
}

/**
 * Whether the database is unreachable. While it is believed down (or a check just failed), the
 * next check is awaited, so both an outage and the recovery are seen within a second or two.
 */
export async function databaseDown(): Promise<boolean> {
  const s = state();
  if (!s.checking && Date.now() - s.checkedAt >= CHECK_EVERY_MS) {
    const running = check(s);
    if (s.down || s.failures > 0) await running;
  }
  return s.down;
}

/** For tests: wait for a check in progress. */
export async function settleOutageCheck(): Promise<void> {
  while (state().checking) await new Promise((r) => setTimeout(r, 20));
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The outage page: plain HTML and a few lines of CSS, in the council's name when known. */
export function outagePage(path: string, nonce: string): string {
  const slug = /^\/([a-z0-9-]{1,60})(\/|$)/.exec(path)?.[1];
  const contact = slug ? state().contacts.get(slug) : undefined;
  const who = contact ? escape(contact.name) : "Money Hub";
  const help = contact
    ? `<p>If you need help today, call ${escape(contact.name)} on <strong>${escape(contact.phone)}</strong> or email <a href="mailto:${escape(contact.email)}">${escape(contact.email)}</a>.</p>`
    : "<p>If you need help today, contact your council.</p>";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Sorry, the service is unavailable – ${who}</title>
<style nonce="${nonce}">body{margin:0;font-family:arial,sans-serif;color:#0b0c0c;font-size:19px;line-height:1.32}header{background:#1d70b8;color:#fff;padding:15px 0;font-weight:700;font-size:24px}.w{max-width:960px;margin:0 15px}@media(min-width:641px){.w{margin:0 30px}}@media(min-width:1020px){.w{margin:0 auto}}main{padding:40px 0}h1{font-size:32px;line-height:1.1;margin:0 0 30px}@media(min-width:641px){h1{font-size:48px}}a{color:#1a65a6}</style>
</head><body><header><div class="w">${who}</div></header><div class="w"><main id="main-content">
<h1>Sorry, the service is unavailable</h1>
<p>You will be able to use the service again soon. Anything you had already saved has been kept.</p>
${help}
</main></div></body></html>`;
}
