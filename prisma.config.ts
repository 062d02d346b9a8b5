// Prisma CLI configuration. The CLI runs migrations as the database owner (DATABASE_URL);
// the app itself connects as the non-owner role (see lib/db/urls.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/moneyhub" },
});
