// Demo mode hands out accounts by design (the dev mailbox shows every magic link and
// save-and-return link), so it must only ever answer the machine it runs on. Pure rules here;
// lib/security/request.ts applies them to the current request, scripts/start.ts to the listener.

/** 127.0.0.0/8, ::1 (also IPv4-mapped), and "localhost". */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return a === "localhost" || a === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(a);
}

/** The host name of a Host header value ("localhost:3000", "[::1]:3000"), without its port. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0] ?? "";
}

type TGet = (name: string) => string | null;

/**
 * Whether this request came from the local machine. Next.js sets X-Forwarded-For to the socket's
 * address unless the client sent one; a proxy in front adds the real client's. So every entry
 * must be loopback, and the Host (and any X-Forwarded-Host) must name loopback too, which also
 * defeats DNS rebinding. Only meaningful when the server listens on loopback alone: on a public
 * address a client could claim all of this, which is why listensOnLoopback() is also required.
 */
export function isLocalRequest(get: TGet): boolean {
  const hosts = [get("host"), get("x-forwarded-host")].filter((h): h is string => h !== null);
  if (!hosts.length || !hosts.every((h) => h.split(",").every((one) => isLoopbackAddress(hostnameOf(one))))) return false;
  const forwardedFor = get("x-forwarded-for");
  return Boolean(forwardedFor) && forwardedFor!.split(",").every((a) => isLoopbackAddress(a));
}

/** The running app knows where it listens only from LISTEN_HOST (npm start sets it). */
export function listensOnLoopback(listenHost: string | undefined): boolean {
  return listenHost !== undefined && isLoopbackAddress(listenHost);
}

/**
 * Where `npm start` listens: loopback in demo mode unless DEMO_PUBLIC=1 allows a public address
 * (then the dev mailbox is off, as the app cannot tell local requests from others there).
 */
export function listenHostFor(env: { demo: boolean; listenHost?: string; demoPublic: boolean }): { host: string } | { error: string } {
  const host = env.listenHost || (env.demo ? "127.0.0.1" : "0.0.0.0");
  if (env.demo && !isLoopbackAddress(host) && !env.demoPublic) {
    return {
      error: `Demo mode shows every email (sign-in links included) in the dev mailbox, so it listens on 127.0.0.1 only. To serve the demo on ${host} anyway, set DEMO_PUBLIC=1 (the dev mailbox is then off), or configure a real email provider (EMAIL_TRANSPORT=smtp).`,
    };
  }
  return { host };
}
