// Pure helpers for the two database identities: the owner (runs migrations, owns tables)
// and the app role (what the running app connects as; cannot bypass row-level security).

export const APP_DB_ROLE = "moneyhub_app";

/** The app role's URL on the same server and database as the owner URL. */
export function appUrlFromOwnerUrl(ownerUrl: string, appPassword: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = APP_DB_ROLE;
  url.password = appPassword ? encodeURIComponent(appPassword) : "";
  return url.toString();
}

/** The same server with another database name. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}
