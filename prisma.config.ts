/**
 * Prisma CLI settings. `engine: "js"` with a driver adapter makes the CLI use its bundled
 * wasm schema engine: migrations run offline, with no engine download.
 */
import * as path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The CLI needs the variable to resolve (else it reaches for a native engine).
process.env.DATABASE_URL ??= `file:${path.join(__dirname, ".data", "treino.db")}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // Wait for a lock held by a running web server or worker instead of failing at once.
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!, timeout: 15_000 });
  },
});
