/**
 * Prisma CLI settings. `engine: "js"` with a driver adapter makes the CLI use its bundled
 * wasm schema engine: migrations run offline, with no engine download.
 *
 * DATABASE_URL picks the database: `file:...` is SQLite (prisma/schema.prisma,
 * prisma/migrations), `postgresql://...` PostgreSQL (prisma/postgresql/schema.prisma, derived
 * from the SQLite one, and prisma/postgresql/migrations).
 */
import * as path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { PgCliAdapterFactory } from "./server/db/postgres-cli-adapter";
import { isPostgresUrl } from "./server/db/provider";

// The CLI needs the variable to resolve (else it reaches for a native engine).
process.env.DATABASE_URL ??= `file:${path.join(__dirname, ".data", "treino.db")}`;
const url = process.env.DATABASE_URL;
const postgres = isPostgresUrl(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    // Catalog types, whole scripts, the shadow database and the exit (server/db/postgres-cli-adapter.ts).
    if (postgres) return new PgCliAdapterFactory(url);
    // Wait for a lock held by a running web server or worker instead of failing at once.
    return new PrismaBetterSQLite3({ url, timeout: 15_000 });
  },
});
