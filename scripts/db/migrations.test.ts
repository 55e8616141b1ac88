/**
 * The two providers' migrations end in the same database (run on PostgreSQL only: `npm run
 * test:postgres`, TREINO_TEST_POSTGRES_URL). prisma/migrations applied to a new SQLite file and
 * prisma/postgresql/migrations applied to a new PostgreSQL database are read back by Prisma
 * (`db pull`) and must describe the same tables, columns, defaults, keys, indexes and relations
 * (column order aside: SQLite's grew by ALTER TABLE). And the PostgreSQL migrations must produce
 * exactly prisma/postgresql/schema.prisma (`migrate diff --from-migrations`, through a shadow
 * database). A migration added for one provider and not the other, or differing from the
 * schema, fails here.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, runSqlSync, testPostgresUrl } from "../../tests/web/test-db";

const server = testPostgresUrl();
const PRISMA = path.join("node_modules", "prisma", "build", "index.js");
const prisma = (url: string, ...args: string[]) =>
  execFileSync(process.execPath, [PRISMA, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Each model's lines, sorted, without comments, native types, constraint names or alignment. */
function models(schema: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    out[name] = body
      .split("\n")
      .map((l) => l.replace(/\/\/.*$/, "").replace(/@db\.\w+(\([^)]*\))?/g, "").replace(/,?\s*map: "[^"]*"/g, "").replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .sort();
  }
  return out;
}

describe.runIf(server)("the migrations of both providers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-migrations-"));
  const name = `treino_test_${process.pid}_migrations`;
  const sqliteUrl = `file:${path.join(dir, "treino.db")}`;
  const postgresUrl = server ? databaseUrl(server, name) : "";

  beforeAll(() => {
    runSqlSync(server!, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`]);
    prisma(sqliteUrl, "migrate", "deploy");
    prisma(postgresUrl, "migrate", "deploy");
  });

  afterAll(() => {
    runSqlSync(server!, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("end in the same tables, columns, keys and indexes", () => {
    const sqlite = models(prisma(sqliteUrl, "db", "pull", "--print"));
    const postgres = models(prisma(postgresUrl, "db", "pull", "--print"));
    expect(Object.keys(sqlite).length).toBeGreaterThan(10);
    expect(postgres).toEqual(sqlite);
  });

  it("PostgreSQL's produce exactly its schema, and `migrate status` finds nothing pending", () => {
    expect(() => prisma(postgresUrl, "migrate", "diff", "--from-migrations", path.join("prisma", "postgresql", "migrations"), "--to-schema-datamodel", path.join("prisma", "postgresql", "schema.prisma"), "--exit-code")).not.toThrow();
    expect(prisma(postgresUrl, "migrate", "status")).toMatch(/Database schema is up to date/);
  });
});
