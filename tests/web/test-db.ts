/**
 * A real database for integration tests: a fresh one per test file, migrated with the
 * committed migrations exactly as `npm start` does. Call before importing server code
 * (server/env.ts reads the environment once).
 *
 * SQLite by default: a new file in a temporary folder. With TREINO_TEST_POSTGRES_URL set
 * (e.g. postgresql://postgres@127.0.0.1:5432/test, a database it may connect to and a role
 * that may create databases): a new PostgreSQL database named treino_test_<pid>_<random>,
 * migrated with prisma/postgresql/migrations, dropped by `cleanup()` (connections still open
 * are closed by the drop). `npm test` runs the database tests both ways (scripts/test.sh).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface FreshDatabase {
  dir: string;
  url: string;
  provider: "sqlite" | "postgresql";
  cleanup: () => void;
}

/** The PostgreSQL server tests use, when they are run against PostgreSQL. */
export const testPostgresUrl = (): string | undefined => process.env.TREINO_TEST_POSTGRES_URL || undefined;

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Runs SQL statements against `url` from a child process, synchronously (freshDatabase and
 * cleanup are synchronous: test files call them at load and in afterAll).
 */
export function runSqlSync(url: string, statements: string[]): void {
  const script = `
    const { Client } = require("pg");
    (async () => {
      const client = new Client({ connectionString: process.env.URL });
      await client.connect();
      try { for (const s of JSON.parse(process.env.STATEMENTS)) await client.query(s); }
      finally { await client.end(); }
    })().catch((err) => { console.error(err.message); process.exit(1); });`;
  execFileSync(process.execPath, ["-e", script], { env: { ...process.env, URL: url, STATEMENTS: JSON.stringify(statements) }, stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Drops the test databases a crashed or killed run left behind (cleanup never ran): those
 * whose creating process is gone. Only on a server on this machine, where the process ids
 * mean something; vitest.postgres.config.mts calls it before a run.
 */
export async function dropStaleTestDatabases(serverUrl: string): Promise<string[]> {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(serverUrl).hostname)) return [];
  const { Client } = await import("pg");
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'treino\\_test\\_%'`);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
      }
    };
    const stale = rows.map((r) => r.datname).filter((name) => {
      const pid = Number(/^treino_test_(\d+)_[0-9a-f]+$/.exec(name)?.[1]);
      return Number.isInteger(pid) && pid > 0 && !alive(pid);
    });
    for (const name of stale) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return stale;
  } finally {
    await client.end();
  }
}

function migrate(url: string): void {
  execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "pipe"], // its stderr goes into the error when it fails
  });
}

/**
 * Set by the test run's global setup (./template-database.ts): a database migrated once for
 * the whole run, which each test file's fresh database copies instead of migrating again (a
 * file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL). Without it (a bench, a
 * single file run some other way) each fresh database is migrated as before.
 */
export const TEMPLATE_ENV = "TREINO_TEST_TEMPLATE_DATABASE";

export function freshDatabase(): FreshDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-db-test-"));
  process.env.TREINO_DATA_DIR = dir;
  process.env.TREINO_SECRET_SEED = "integration-test-secret";
  const server = testPostgresUrl();
  const template = process.env[TEMPLATE_ENV] || undefined;
  if (!server) {
    const file = path.join(dir, "treino.db");
    const url = `file:${file}`;
    process.env.DATABASE_URL = url;
    if (template?.startsWith("file:")) fs.copyFileSync(template.slice("file:".length), file);
    else migrate(url);
    return { dir, url, provider: "sqlite", cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  // A shared database takes both shared secrets from the environment, or refuses to start.
  process.env.NEXTAUTH_SECRET ??= "integration-test-session-secret";
  const templateName = template && !template.startsWith("file:") ? new URL(template).pathname.slice(1) : null;
  const database = newPostgresDatabase(server, templateName);
  process.env.DATABASE_URL = database.url;
  return {
    dir,
    url: database.url,
    provider: "postgresql",
    cleanup: () => {
      database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new database on the PostgreSQL `server`: a copy of the database named `template`, or
 * migrated (and dropped again if the migration fails). The creating process's id is in the
 * name: dropStaleTestDatabases tells a leftover from a live one.
 */
function newPostgresDatabase(server: string, template: string | null): { url: string; drop: () => void } {
  const name = `treino_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = databaseUrl(server, name);
  const drop = () => runSqlSync(server, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
  runSqlSync(server, [template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`]);
  if (!template) {
    try {
      migrate(url);
    } catch (err) {
      drop();
      throw err;
    }
  }
  return { url, drop };
}

/**
 * Makes the run's template: a database migrated with the committed migrations exactly as
 * `npm start` does, on the provider the run uses. Returns its URL and how to remove it.
 */
export function makeTemplateDatabase(): { url: string; remove: () => void } {
  const server = testPostgresUrl();
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-db-template-"));
    const url = `file:${path.join(dir, "template.db")}`;
    migrate(url);
    return { url, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const database = newPostgresDatabase(server, null);
  return { url: database.url, remove: database.drop };
}
