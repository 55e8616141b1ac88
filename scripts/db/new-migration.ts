/**
 * `npm run db:new-migration -- <name> [--postgres-url postgresql://...]`: after a change to
 * prisma/schema.prisma, writes the migration for both providers under one name:
 * prisma/migrations/<timestamp>_<name>/migration.sql (SQLite) and
 * prisma/postgresql/migrations/<timestamp>_<name>/migration.sql (PostgreSQL). Review both.
 *
 * How: prisma/postgresql/schema.prisma is derived again; then, for each provider, the committed
 * migrations are applied to a scratch database (a temporary SQLite file; a temporary database
 * on the PostgreSQL server, created and dropped), read back with `prisma db pull`, and
 * `prisma migrate diff` writes the SQL from that to the schema. No shadow database and no
 * `migrate dev` (which the wasm engine cannot run on SQLite). The PostgreSQL server is
 * --postgres-url, else TREINO_TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/test
 * (a role that may create databases). `npm run test:postgres` then checks that both
 * providers' migrations end in the same tables (scripts/db/migrations.test.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, runSqlSync } from "../../tests/web/test-db";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./derive-postgres-schema";

const PRISMA = path.join("node_modules", "prisma", "build", "index.js");
const EMPTY = "-- This is an empty migration.";

function prisma(url: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, [PRISMA, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(`prisma ${args.join(" ")} failed:\n${e.stderr || e.stdout || String(err)}`);
  }
}

/** The SQL from what the committed migrations build (on `url`, a scratch database) to `schema`. */
function pendingSql(url: string, schema: string, scratch: string): string {
  prisma(url, ["migrate", "deploy"]);
  const pulled = path.join(scratch, `pulled-${path.basename(path.dirname(schema))}.prisma`);
  const printed = prisma(url, ["db", "pull", "--print"]);
  // The CLI prints its driver-adapter warning on stdout too, before the schema.
  fs.writeFileSync(pulled, printed.slice(Math.max(0, printed.search(/^(generator|datasource|model) /m))));
  return prisma(url, ["migrate", "diff", "--from-schema-datamodel", pulled, "--to-schema-datamodel", schema, "--script"]).trim();
}

const MIGRATION_DIRS = [path.join("prisma", "migrations"), path.join("prisma", "postgresql", "migrations")];

/**
 * Now (UTC, YYYYMMDDHHMMSS), or just after the newest migration of either provider when that
 * is later: migrations apply in the order of their names, and a new one must come after the
 * PostgreSQL baseline and every SQLite migration, whatever the clock says.
 */
function nextStamp(): string {
  const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const newest = MIGRATION_DIRS.flatMap((d) => fs.readdirSync(d)).filter((m) => /^\d{14}_/.test(m)).map((m) => m.slice(0, 14)).sort().pop();
  if (!newest || now > newest) return now;
  const t = newest.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/)!.slice(1).map(Number);
  return new Date(Date.UTC(t[0], t[1] - 1, t[2], t[3], t[4], t[5] + 1)).toISOString().replace(/\D/g, "").slice(0, 14);
}

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "postgres-url": { type: "string" } } });
  const name = positionals[0];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:new-migration -- <name: lower case, digits, _> [--postgres-url postgresql://...]");
    return 2;
  }
  const server = values["postgres-url"] ?? process.env.TREINO_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  fs.writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "treino-new-migration-"));
  const scratchDb = `treino_scratch_${process.pid}`;
  let sqlite: string;
  let postgres: string;
  try {
    sqlite = pendingSql(`file:${path.join(scratch, "scratch.db")}`, SQLITE_SCHEMA, scratch);
    runSqlSync(server, [`DROP DATABASE IF EXISTS "${scratchDb}" WITH (FORCE)`, `CREATE DATABASE "${scratchDb}"`]);
    postgres = pendingSql(databaseUrl(server, scratchDb), POSTGRES_SCHEMA, scratch);
  } finally {
    runSqlSync(server, [`DROP DATABASE IF EXISTS "${scratchDb}" WITH (FORCE)`]);
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const changed = { sqlite: sqlite !== EMPTY && sqlite !== "", postgres: postgres !== EMPTY && postgres !== "" };
  if (!changed.sqlite && !changed.postgres) {
    console.log("the migrations already build prisma/schema.prisma: nothing to write");
    return 0;
  }
  const stamp = nextStamp();
  const folder = `${stamp}_${name}`;
  for (const [provider, dir, sql] of [["sqlite", MIGRATION_DIRS[0], sqlite], ["postgres", MIGRATION_DIRS[1], postgres]] as const) {
    if (!changed[provider]) {
      console.log(`${provider}: no change (no migration written)`);
      continue;
    }
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, "migration.sql"), `${sql}\n`);
    console.log(`${provider}: wrote ${path.join(dir, folder, "migration.sql")}`);
  }
  console.log("review both (SQLite rebuilds a table to change a column: check its INSERT ... SELECT), then `npm run test:postgres`");
  return 0;
}

if (require.main === module) {
  try {
    process.exit(main());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
