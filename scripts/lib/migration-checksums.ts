// The checksum list of landed migrations (prisma/migrations/landed.sha256, in `sha256sum` format,
// so `cd prisma/migrations && sha256sum -c landed.sha256` checks it too). A landed migration is
// never edited: databases that already ran it would never run the edit. The list only grows.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const CHECKSUM_FILE = "landed.sha256";

export type TChecksumEntry = { migration: string; sha256: string };

export function sha256OfMigration(migrationsDir: string, migration: string): string {
  return createHash("sha256").update(fs.readFileSync(path.join(migrationsDir, migration, "migration.sql"))).digest("hex");
}

/** Every migration directory (the ones Prisma applies), oldest first. */
export function migrationNames(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

export function parseChecksums(text: string): TChecksumEntry[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [sha256, file] = line.split(/\s+\*?/, 2) as [string, string | undefined];
      const migration = file?.replace(/\/migration\.sql$/, "");
      if (!/^[0-9a-f]{64}$/.test(sha256) || !migration) throw new Error(`${CHECKSUM_FILE}: not a "<sha256>  <dir>/migration.sql" line: ${line}`);
      return { migration, sha256 };
    });
}

export function readChecksums(migrationsDir: string): TChecksumEntry[] {
  const file = path.join(migrationsDir, CHECKSUM_FILE);
  return fs.existsSync(file) ? parseChecksums(fs.readFileSync(file, "utf8")) : [];
}

export const formatEntry = (e: TChecksumEntry) => `${e.sha256}  ${e.migration}/migration.sql`;

/** Listed migrations whose SQL no longer has the listed checksum (or is gone). */
export function changedMigrations(migrationsDir: string): { migration: string; listed: string; now: string | null }[] {
  return readChecksums(migrationsDir)
    .map((e) => ({ migration: e.migration, listed: e.sha256, now: fs.existsSync(path.join(migrationsDir, e.migration, "migration.sql")) ? sha256OfMigration(migrationsDir, e.migration) : null }))
    .filter((e) => e.now !== e.listed);
}

/** Migrations not yet in the list. */
export function unlistedMigrations(migrationsDir: string): string[] {
  const listed = new Set(readChecksums(migrationsDir).map((e) => e.migration));
  return migrationNames(migrationsDir).filter((m) => !listed.has(m));
}

/** Appends the unlisted migrations' checksums; never rewrites or removes a line. Returns what it added. */
export function addNewChecksums(migrationsDir: string): TChecksumEntry[] {
  const added = unlistedMigrations(migrationsDir).map((migration) => ({ migration, sha256: sha256OfMigration(migrationsDir, migration) }));
  if (!added.length) return [];
  const file = path.join(migrationsDir, CHECKSUM_FILE);
  const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : HEADER;
  fs.writeFileSync(file, `${before}${before.endsWith("\n") ? "" : "\n"}${added.map(formatEntry).join("\n")}\n`);
  return added;
}

const HEADER = `# Landed migrations and the SHA-256 of their SQL. Never edit a listed migration: add a new one.
# Append-only: \`npm run db:checksums\` adds the migrations not listed yet (tests/unit/migration-checksums.test.ts).
`;
