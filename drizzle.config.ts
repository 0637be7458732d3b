import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file (it needs no database). Applying migrations goes
// through `npm run db:migrate`, which picks PGlite or PostgreSQL like the app does.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
