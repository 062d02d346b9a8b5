// `npm run db:checksums`: lists the new migrations' checksums in prisma/migrations/landed.sha256
// once they are final (before committing them). Existing lines are never rewritten.
import path from "node:path";
import { addNewChecksums, changedMigrations, CHECKSUM_FILE } from "./lib/migration-checksums";
import { projectRoot } from "./lib/postgres";

const dir = path.join(projectRoot, "prisma", "migrations");
const changed = changedMigrations(dir);
for (const c of changed) console.error(`${c.migration}: landed migration changed (listed ${c.listed.slice(0, 12)}…, now ${c.now?.slice(0, 12) ?? "missing"}…): restore it and put the change in a new migration`);
const added = addNewChecksums(dir);
for (const a of added) console.log(`listed ${a.migration} (${a.sha256.slice(0, 12)}…) in prisma/migrations/${CHECKSUM_FILE}`);
if (!added.length) console.log("every migration is already listed");
process.exit(changed.length ? 1 : 0);
