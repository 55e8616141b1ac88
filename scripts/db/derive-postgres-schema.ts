/**
 * Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, the one source of truth.
 * The two differ only in the datasource's provider, the generated client's folder, the header
 * comment, and `@db.Json` on every Json field: the models are otherwise the same text, so both
 * clients have the same model APIs (server/db/index.ts relies on it).
 *
 * Why `@db.Json`: Prisma's default for Json on PostgreSQL is jsonb, which keeps objects with
 * their keys re-sorted (shortest first: {"simpleRnn":…,"lstm":…} comes back as {"lstm":…,
 * "simpleRnn":…}). SQLite keeps the JSON text as written, and Treino shows what it stored in
 * that order (a result's metrics table, the models of a loss chart). PostgreSQL's json type
 * keeps the text as written too; Treino never queries inside its JSON, which is jsonb's gain. `--check` writes nothing and exits 1 when the committed
 * file is not what this would write (schema-drift.test.ts runs the same comparison).
 *
 *   npx tsx scripts/db/derive-postgres-schema.ts [--check]
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.join(__dirname, "..", "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/db/derive-postgres-schema.ts: do not edit.
// Change prisma/schema.prisma, run \`npx tsx scripts/db/derive-postgres-schema.ts\`, and add a
// migration for each provider (README, "PostgreSQL"). Treino's data on PostgreSQL; migrations
// are committed in prisma/postgresql/migrations and applied at start.
`;

/** Replaces exactly one occurrence of `from`, or throws: a schema that changed shape must not derive silently. */
function replaceOnce(text: string, from: RegExp, to: string, what: string): string {
  const found = text.match(new RegExp(from.source, from.flags.includes("g") ? from.flags : from.flags + "g"));
  if (!found || found.length !== 1) throw new Error(`derive-postgres-schema: expected one ${what} in prisma/schema.prisma, found ${found?.length ?? 0}`);
  return text.replace(from, to);
}

export function derivePostgresSchema(sqlite: string): string {
  // The header: every comment line before the first block.
  const firstBlock = sqlite.search(/^(generator|datasource|model|enum)\s/m);
  if (firstBlock < 0) throw new Error("derive-postgres-schema: no block in prisma/schema.prisma");
  const head = sqlite.slice(0, firstBlock);
  if (!/^(\s*\/\/.*\n|\s*\n)*$/.test(head)) throw new Error("derive-postgres-schema: the text before the first block must be comments");
  let body = sqlite.slice(firstBlock);
  body = replaceOnce(body, /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider "sqlite"');
  // The schema moves one folder down: its output path gains a "../" and the folder a "-pg".
  body = replaceOnce(body, /(output\s*=\s*)"\.\.\/server\/db\/generated"/, '$1"../../server/db/generated-pg"', 'output "../server/db/generated"');
  // Json fields as json, not jsonb (see above). A field line: name, type, then attributes.
  body = body.replace(/^(\s+\w+\s+Json\??)((?:\s+@.*)?)$/gm, (_, field: string, attrs: string) => `${field}${attrs} @db.Json`);
  return HEADER + "\n" + body;
}

if (require.main === module) {
  const derived = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
    if (current !== derived) {
      console.error("prisma/postgresql/schema.prisma is not derived from prisma/schema.prisma: run `npx tsx scripts/db/derive-postgres-schema.ts`");
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, derived);
    console.log(`wrote ${path.relative(process.cwd(), POSTGRES_SCHEMA)}`);
  }
}
