#!/usr/bin/env node
// Runs the Prisma CLI with our WebAssembly schema engine (schema-engine.mjs) instead of the
// native binary it would otherwise download: installs reach only the npm registry.
// Usage: node scripts/prisma/prisma.mjs <prisma args...>
import { spawnSync } from "node:child_process";
import path from "node:path";

const here = import.meta.dirname;
const root = path.resolve(here, "..", "..");
const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), process.argv.slice(2), {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(here, "schema-engine.mjs"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
