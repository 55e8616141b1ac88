import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    // Grading spawns sandboxed Node processes and trains models: generous per-test budgets,
    // and one file at a time per core so training jobs do not starve each other.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    maxWorkers: 2,
    // One migrated database for the run, copied by each test file's fresh one (tests/web/test-db.ts).
    globalSetup: ["tests/web/template-database.ts"],
  },
});
