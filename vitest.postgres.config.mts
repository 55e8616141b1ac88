/**
 * The database-touching tests again, on PostgreSQL (`npm run test:postgres`, and `npm test`
 * after the SQLite run): each test file gets a fresh PostgreSQL database from
 * tests/web/test-db.ts, on the server TREINO_TEST_POSTGRES_URL names (by default the local one
 * scripts/ensure-postgres.sh makes sure of). Only the files that touch the database (those
 * calling `freshDatabase(` or reading TREINO_TEST_POSTGRES_URL): the rest does not depend on
 * it and already ran.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.mjs"; // vitest.config.mts (TypeScript and esbuild map the extension)

process.env.TREINO_TEST_POSTGRES_URL ||= "postgresql://postgres@127.0.0.1:5432/test";

/**
 * Left out: what is SQLite by nature (the courses migration on an old SQLite file, SQLite's
 * write lock), and two slow tests whose subject is not the database: the distributed queue's
 * fault test (minutes of grading through Redis) and the hidden-data scan (a real grading, a
 * minute and more here); the results they store go through the same storeResult that
 * tests/web/submissions.test.ts covers on PostgreSQL.
 */
const LEFT_OUT = new Set([
  "tests/web/courses-migration.test.ts",
  "server/db/sqlite-adapter.test.ts",
  "tests/distributed/bullmq-fault.test.ts",
  "tests/web/hidden-data.test.ts",
]);

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") || e.name === "generated" ? [] : testFiles(file);
    return e.name.endsWith(".test.ts") ? [file] : [];
  });
}

const databaseTests = ["server", "tests", "scripts"]
  .flatMap(testFiles)
  .filter((f) => !LEFT_OUT.has(f) && /freshDatabase\(|TREINO_TEST_POSTGRES_URL/.test(fs.readFileSync(f, "utf8")));

export default defineConfig({
  ...base,
  // Drops what a killed run left behind (tests/web/test-db.ts, dropStaleTestDatabases), then
  // makes the run's migrated template database.
  test: { ...base.test, include: databaseTests, globalSetup: ["tests/web/postgres-global-setup.ts", "tests/web/template-database.ts"] },
});
