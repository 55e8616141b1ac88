/**
 * A real SQLite database for integration tests: a fresh file per test file, migrated with
 * the committed migrations exactly as `npm start` does. Call before importing server code
 * (server/env.ts reads the environment once).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export function freshDatabase(): { dir: string; url: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-db-test-"));
  const url = `file:${path.join(dir, "treino.db")}`;
  process.env.TREINO_DATA_DIR = dir;
  process.env.DATABASE_URL = url;
  process.env.TREINO_SECRET_SEED = "integration-test-secret";
  execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  return { dir, url, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
