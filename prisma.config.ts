import { defineConfig } from "prisma/config";

// Prisma's CLI only generates the client here; migrations are plain SQL applied by
// lib/db/migrate.ts (the native schema engine cannot be downloaded on our machines).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
