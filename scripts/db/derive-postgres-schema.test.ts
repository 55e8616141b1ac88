/**
 * prisma/postgresql/schema.prisma is derived from prisma/schema.prisma: this fails when someone
 * changed one without the other (run `npx tsx scripts/db/derive-postgres-schema.ts`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./derive-postgres-schema";

const sqlite = fs.readFileSync(SQLITE_SCHEMA, "utf8");
const postgres = fs.readFileSync(POSTGRES_SCHEMA, "utf8");
const code = (text: string) => text.split("\n").filter((l) => !/^\s*\/\/(?!\/)/.test(l)); // without plain comments (/// doc comments stay)

describe("the PostgreSQL schema", () => {
  it("is exactly what the derivation writes from the SQLite schema", () => {
    expect(postgres).toBe(derivePostgresSchema(sqlite));
  });

  it("differs from the SQLite schema only in provider, output and Json fields stored as json", () => {
    const a = code(sqlite);
    const b = code(postgres);
    expect(b.length).toBe(a.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [[line.trim(), b[i].trim()]]));
    const jsonFields = a.filter((l) => /^\s+\w+\s+Json\??(\s|$)/.test(l)).map((l) => [l.trim(), `${l.trim()} @db.Json`]);
    expect(jsonFields.length).toBeGreaterThan(0);
    expect(changed).toEqual([
      ['output     = "../server/db/generated"', 'output     = "../../server/db/generated-pg"'],
      ['provider = "sqlite"', 'provider = "postgresql"'],
      ...jsonFields,
    ]);
  });

  it("refuses to derive a schema whose provider or output it cannot find", () => {
    expect(() => derivePostgresSchema(sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/provider/);
    expect(() => derivePostgresSchema(sqlite.replace('"../server/db/generated"', '"../elsewhere"'))).toThrow(/output/);
  });

  it("each provider has its own migrations, locked to it", () => {
    const lock = (dir: string) => fs.readFileSync(path.join(dir, "migration_lock.toml"), "utf8");
    expect(lock(path.join("prisma", "migrations"))).toMatch(/provider = "sqlite"/);
    expect(lock(path.join("prisma", "postgresql", "migrations"))).toMatch(/provider = "postgresql"/);
  });
});
