/**
 * `npm run db:migrate-to-postgres -- [--from file:/path/treino.db] [--to postgresql://...] [--replace]`:
 * moves an installation's data from its SQLite file to a PostgreSQL database. Stop Treino
 * first (the web server, workers and similarity runner), so nothing writes meanwhile.
 *
 * --from  the SQLite file; default DATABASE_URL when it is a file: URL, else
 *         $TREINO_DATA_DIR/treino.db (.data/treino.db).
 * --to    the PostgreSQL database, which must exist; default DATABASE_URL when it is a
 *         postgresql:// URL.
 * --replace  empty the target's tables first (in the same transaction); without it a target
 *         holding any row is refused, untouched.
 *
 * What it does: the source must have every SQLite migration applied (as `npm start` leaves
 * it); the PostgreSQL migrations are applied to the target (`prisma migrate deploy`, as
 * `npm start` does); then every table is copied, parents before children (the target's
 * foreign keys decide the order), in batches inside ONE transaction: a failure leaves the
 * target as it was. Values are converted by the target column's type: SQLite's 0/1 to
 * booleans, its DateTime text (ISO from Prisma, "YYYY-MM-DD HH:MM:SS" from SQL defaults) or
 * epoch milliseconds to UTC timestamps, JSON text kept as written, integers checked against
 * their column's range (BigInt for bigint columns). Sequences (LoginAttempt's ids) continue
 * after the copied ids. Last, every table's rows are counted on both sides and printed; any
 * difference exits 1.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../../server/db/provider";

const MIGRATIONS_TABLE = "_prisma_migrations";
/** PostgreSQL takes at most 65,535 parameters per statement; batches stay well below. */
const MAX_PARAMS = 30_000;
const MAX_BATCH_ROWS = 500;

export interface MoveOptions {
  from: string;
  to: string;
  replace?: boolean;
  log?: (line: string) => void;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export class MoveRefused extends Error {}

interface Column {
  name: string;
  /** information_schema's data_type: text, integer, bigint, double precision, boolean, timestamp without time zone, json... */
  type: string;
}

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The SQLite file's path, from a file: URL (relative paths as Prisma reads them: from the project). */
function sqlitePath(url: string): string {
  if (!url.startsWith("file:")) throw new MoveRefused(`--from must be a file: URL (the SQLite file), not ${url}`);
  return path.resolve(url.slice("file:".length));
}

/** The source must be at the newest SQLite migration: its tables then have the PostgreSQL schema's shape. */
function checkSourceMigrations(source: Database.Database): void {
  const folder = path.join("prisma", "migrations");
  const expected = fs.readdirSync(folder).filter((m) => /^\d{14}_/.test(m)).sort();
  const hasTable = source.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  const applied = hasTable
    ? (source.prepare(`SELECT migration_name FROM ${q(MIGRATIONS_TABLE)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[]).map((r) => r.migration_name)
    : [];
  const missing = expected.filter((m) => !applied.includes(m));
  if (missing.length) {
    throw new MoveRefused(`the SQLite database lacks migrations (${missing.join(", ")}): start this version of Treino on it once (npm start), or run \`DATABASE_URL=file:... npx prisma migrate deploy\`, then move it`);
  }
}

function applyPostgresMigrations(url: string, log: (line: string) => void): void {
  log("applying the PostgreSQL migrations to the target (prisma migrate deploy)...");
  try {
    execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed on the target:\n${e.stderr || e.stdout || String(err)}`);
  }
}

/** The target's tables, parents before children (by its foreign keys). */
async function tablesInForeignKeyOrder(client: pg.ClientBase): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY table_name`,
    [MIGRATIONS_TABLE],
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const unquote = (name: string) => name.replace(/^"(.*)"$/, "$1").replace(/""/g, '"');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) if (unquote(e.child) !== unquote(e.parent)) parents.get(unquote(e.child))?.add(unquote(e.parent));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = [...parents.keys()].filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p) || !parents.has(p)));
    if (next.length === 0) throw new Error(`the target's foreign keys form a cycle among ${[...parents.keys()].filter((t) => !placed.has(t)).join(", ")}`);
    for (const t of next) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function columnsOf(client: pg.ClientBase, table: string): Promise<Column[]> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows;
}

async function rowCount(client: pg.ClientBase, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${q(table)}`);
  return Number(rows[0].n);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A UTC timestamp as PostgreSQL's `timestamp` reads it (no zone: pg would otherwise write the process's local offset, which `timestamp` drops). */
function timestampText(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** SQLite's DateTime as Prisma or SQL wrote it: ISO text with a zone (Prisma's adapter), "YYYY-MM-DD HH:MM:SS[.fff]" (UTC, CURRENT_TIMESTAMP), or epoch milliseconds. */
export function sqliteDate(value: unknown, where: string): Date {
  let d: Date;
  if (typeof value === "bigint" || typeof value === "number") d = new Date(Number(value));
  else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) d = new Date(`${value.replace(" ", "T")}Z`);
  else if (typeof value === "string" && /^\d+$/.test(value)) d = new Date(Number(value));
  else d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new Error(`${where}: ${JSON.stringify(String(value))} is not a date`);
  return d;
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** One SQLite value (integers read as BigInt) as the target column takes it. */
export function convert(value: unknown, column: Column, where: string): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "boolean":
      if (typeof value === "bigint" || typeof value === "number") return Number(value) !== 0;
      if (value === "true" || value === "false") return value === "true";
      throw new Error(`${where}: ${JSON.stringify(value)} is not a boolean`);
    case "timestamp without time zone":
    case "timestamp with time zone":
      return timestampText(sqliteDate(value, where));
    case "smallint":
    case "integer":
    case "bigint": {
      const n = typeof value === "bigint" ? value : typeof value === "number" && Number.isInteger(value) ? BigInt(value) : typeof value === "string" && /^-?\d+$/.test(value) ? BigInt(value) : null;
      const [min, max] = INT_RANGE[column.type];
      if (n === null || n < min || n > max) throw new Error(`${where}: ${String(value)} does not fit ${column.type}`);
      return n.toString();
    }
    case "double precision":
    case "real":
    case "numeric":
      return typeof value === "bigint" ? Number(value) : value;
    case "json":
    case "jsonb":
      // Prisma stores JSON as its text: handed on as written (json keeps it so, key order included).
      return typeof value === "string" ? value : JSON.stringify(value);
    case "bytea":
      return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
    default:
      return typeof value === "bigint" ? value.toString() : value;
  }
}

async function copyTable(source: Database.Database, client: pg.ClientBase, table: string, columns: Column[], log: (line: string) => void): Promise<number> {
  const sourceColumns = new Set((source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
  if (sourceColumns.size === 0) throw new Error(`the SQLite database has no table ${table}`);
  const missing = columns.filter((c) => !sourceColumns.has(c.name)).map((c) => c.name);
  if (missing.length) throw new Error(`${table}: the SQLite table has no column ${missing.join(", ")}`);
  const extra = [...sourceColumns].filter((c) => !columns.some((t) => t.name === c));
  if (extra.length) throw new Error(`${table}: the PostgreSQL table has no column ${extra.join(", ")}`);

  const names = columns.map((c) => q(c.name)).join(", ");
  const perBatch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const read = source.prepare(`SELECT ${names} FROM ${q(table)} ORDER BY rowid`).raw(true).safeIntegers(true);
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(", ")})`);
    await client.query(`INSERT INTO ${q(table)} (${names}) VALUES ${tuples.join(", ")}`, params);
    copied += batch.length;
    batch = [];
  };
  for (const row of read.iterate() as Iterable<unknown[]>) {
    batch.push(row.map((v, i) => convert(v, columns[i], `${table}.${columns[i].name} (row ${copied + batch.length + 1})`)));
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  log(`  ${table}: ${copied} rows`);
  return copied;
}

/** Sequences behind serial/identity columns continue after the copied ids. */
async function resetSequences(client: pg.ClientBase, table: string, columns: Column[]): Promise<void> {
  for (const c of columns) {
    const { rows } = await client.query<{ seq: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS seq`, [q(table), c.name]);
    const seq = rows[0]?.seq;
    if (!seq) continue;
    await client.query(`SELECT setval($1::regclass, COALESCE((SELECT max(${q(c.name)}) FROM ${q(table)}), 0) + 1, false)`, [seq]);
  }
}

export async function moveToPostgres(opts: MoveOptions): Promise<TableCount[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!isPostgresUrl(opts.to)) throw new MoveRefused(`--to must be a postgresql:// URL, not ${opts.to}`);
  const file = sqlitePath(opts.from);
  if (!fs.existsSync(file)) throw new MoveRefused(`no SQLite database at ${file}`);

  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSourceMigrations(source);
    applyPostgresMigrations(opts.to, log);
    const client = new pg.Client({ connectionString: opts.to });
    await client.connect();
    try {
      const tables = await tablesInForeignKeyOrder(client);
      const columns = new Map<string, Column[]>();
      for (const t of tables) columns.set(t, await columnsOf(client, t)); // one query at a time on one connection
      const nonEmpty: string[] = [];
      for (const t of tables) if ((await rowCount(client, t)) > 0) nonEmpty.push(t);
      if (nonEmpty.length && !opts.replace) {
        throw new MoveRefused(`the target already holds rows (in ${nonEmpty.join(", ")}): nothing was copied. Use an empty database, or --replace to empty these tables first`);
      }

      // One read snapshot of the source: the copy and its count see the same rows.
      source.exec("BEGIN");
      const sourceRows = new Map<string, number>();
      await client.query("BEGIN");
      try {
        if (nonEmpty.length) {
          log(`emptying ${nonEmpty.join(", ")} (--replace)...`);
          await client.query(`TRUNCATE ${tables.map(q).join(", ")} RESTART IDENTITY`);
        }
        log(`copying ${tables.length} tables, parents first...`);
        for (const t of tables) {
          await copyTable(source, client, t, columns.get(t)!, log);
          await resetSequences(client, t, columns.get(t)!);
          sourceRows.set(t, Number((source.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as { n: number }).n));
        }
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        source.exec("COMMIT");
      }

      // Verify: the target counted again after the commit, against the source's count.
      const counts: TableCount[] = [];
      for (const t of tables) counts.push({ table: t, source: sourceRows.get(t)!, target: await rowCount(client, t) });
      return counts;
    } finally {
      await client.end();
    }
  } finally {
    source.close();
  }
}

export function countsTable(counts: TableCount[]): string {
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const lines = [`${"table".padEnd(width)}  ${"sqlite".padStart(8)}  ${"postgres".padStart(8)}`, `${"-".repeat(width)}  ${"-".repeat(8)}  ${"-".repeat(8)}`];
  for (const c of counts) lines.push(`${c.table.padEnd(width)}  ${String(c.source).padStart(8)}  ${String(c.target).padStart(8)}${c.source === c.target ? "" : "  MISMATCH"}`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" }, replace: { type: "boolean", default: false } } });
  const envUrl = process.env.DATABASE_URL;
  const dataDir = process.env.TREINO_DATA_DIR ?? path.join(process.cwd(), ".data");
  const from = values.from ?? (envUrl?.startsWith("file:") ? envUrl : `file:${path.join(dataDir, "treino.db")}`);
  const to = values.to ?? (envUrl && isPostgresUrl(envUrl) ? envUrl : undefined);
  if (!to) {
    console.error("usage: npm run db:migrate-to-postgres -- [--from file:/path/treino.db] --to postgresql://user@host:5432/database [--replace]\n(--to defaults to DATABASE_URL when it is a postgresql:// URL)");
    return 2;
  }
  console.log(`moving ${from} to ${to.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}`);
  const counts = await moveToPostgres({ from, to, replace: values.replace });
  console.log(`\n${countsTable(counts)}\n`);
  const bad = counts.filter((c) => c.source !== c.target);
  if (bad.length) {
    console.error(`row counts differ in ${bad.map((c) => c.table).join(", ")}`);
    return 1;
  }
  console.log(`every table matches (${counts.reduce((s, c) => s + c.target, 0)} rows). Start Treino with DATABASE_URL set to the PostgreSQL URL.`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`treino: ${err instanceof MoveRefused ? "" : "move failed: "}${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
