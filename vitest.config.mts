import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["grader/**/*.test.ts", "exercises/**/*.test.ts", "tests/**/*.test.ts", "app/**/*.test.ts", "lib/**/*.test.ts"],
    // Grading spawns sandboxed Node processes and trains models: generous per-test budgets,
    // and one file at a time per core so training jobs do not starve each other.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
