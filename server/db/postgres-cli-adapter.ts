/**
 * Prisma's pg adapter as the Prisma CLI's wasm schema engine needs it (prisma.config.ts), for
 * `migrate deploy`, `migrate status`, `migrate diff` (with `--from-migrations` too) and
 * `db pull` against PostgreSQL. The gaps of @prisma/adapter-pg 6.19.3 under the wasm engine
 * are filled here; the app's own client (server/db/index.ts) does not use this file.
 *
 * 1. Catalog column types. The engine reads PostgreSQL's catalog (its migrations table's
 *    existence, the schema's tables, advisory locks), whose columns are of types the adapter
 *    refuses ("Column type 'name' could not be deserialized": `name`, `"char"`, `regclass`,
 *    `pg_node_tree`, `void`, arrays of `name`...): only the types Prisma models use are mapped.
 *    Any other built-in type is handed on as text, or as an array of text for an array type
 *    (pg returns their text form, which is what the engine then reads).
 *
 * 2. Migration scripts. The adapter's `executeScript` splits a script on every ";" (one inside
 *    a string or a comment would cut a statement in two) and runs the pieces one by one on any
 *    pooled connection, so a failing migration would leave half its statements applied. Here a
 *    script is sent whole, in one simple-protocol query on one connection: PostgreSQL runs its
 *    statements as one implicit transaction, all or nothing. (A statement that cannot run in a
 *    transaction, e.g. CREATE INDEX CONCURRENTLY, would need a migration of its own.)
 *    The shadow database receives each migration through `executeRaw` instead, which sends it
 *    as one prepared statement ("cannot insert multiple commands into a prepared statement"):
 *    an `executeRaw` without parameters goes the same simple-protocol way.
 *
 * 3. The shadow database (`migrate diff --from-migrations`, `migrate dev`). The adapter
 *    creates a database for it, then connects with `{ connectionString, database }`, where pg
 *    lets the connection string win: the "shadow" was the real database, and the engine
 *    applies (and, for `migrate dev`, resets) there. Here the shadow's URL names the shadow
 *    database itself, and it is dropped when the engine lets go of it.
 *
 * 4. The exit. The engine races PostgreSQL's advisory lock (taken around `migrate deploy`)
 *    against a 10-second timer it never clears: the CLI sat 10 s after its work was done (a
 *    test file's fresh database, every start). Long timers the wasm engine starts are unref'd,
 *    so they no longer hold the process; work in flight keeps it alive through its socket.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlQueryable } from "@prisma/driver-adapter-utils";
import type { Pool, QueryResult } from "pg";
import pg from "pg";

type Field = { name: string; dataTypeID: number };
type Result = { fields: Field[]; rows: unknown[][]; rowCount?: number | null };
type PerformIO = (query: unknown) => Promise<Result>;

const TEXT = 25;
const TEXT_ARRAY = 1009;
/** The OIDs @prisma/adapter-pg 6.19.3 maps itself (fieldToColumnType); user-defined types (>= 16384) it reads as text. */
const MAPPED = new Set([
  16, 17, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
  // arrays
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561, 1563, 2951, 3807,
]);
const FIRST_NORMAL_OBJECT_ID = 16384;
/** Array types of the catalog's own types (name[], regtype[], aclitem[], int2vector[], oidvector[], regproc[], regclass[], xid[], cstring[]). */
const CATALOG_ARRAYS = new Set([1003, 2211, 1034, 1006, 1013, 1008, 2210, 1011, 1263]);

/** pg's parser of text[] reads the text form of any one-dimensional array. */
const textArray = (pg.types.getTypeParser as (oid: number, format: "text") => (value: string) => string[])(TEXT_ARRAY, "text");

function asText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : String(value);
}

function asTextArray(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(asText);
  return textArray(String(value));
}

/** Unmapped built-in columns become text (or text arrays), so the adapter reads them instead of refusing. */
function readable(result: Result): Result {
  result.fields.forEach((field, i) => {
    if (MAPPED.has(field.dataTypeID) || field.dataTypeID >= FIRST_NORMAL_OBJECT_ID) return;
    const array = CATALOG_ARRAYS.has(field.dataTypeID);
    for (const row of result.rows) row[i] = array ? asTextArray(row[i]) : asText(row[i]);
    field.dataTypeID = array ? TEXT_ARRAY : TEXT;
  });
  return result;
}

function driverError(err: unknown): DriverAdapterError {
  const e = err as { code?: string; message?: string; detail?: string; hint?: string; column?: string; severity?: string };
  return new DriverAdapterError({ kind: "postgres", code: String(e.code ?? "XX000"), severity: e.severity ?? "ERROR", message: String(e.message ?? err), detail: e.detail, column: e.column, hint: e.hint });
}

type SimpleQuery = (sql: string) => Promise<QueryResult | QueryResult[]>;

/** Runs a parameterless script whole, through the simple protocol: its statements are one implicit transaction. */
async function runScript(query: SimpleQuery, sql: string): Promise<number> {
  try {
    const result = await query(sql);
    return (Array.isArray(result) ? result : [result]).reduce((sum, r) => sum + (r.rowCount ?? 0), 0);
  } catch (err) {
    throw driverError(err);
  }
}

/** The corrections every queryable (the adapter and its transactions) needs: catalog types, and scripts sent whole. */
function corrections<T extends SqlQueryable>(queryable: T): T {
  const q = queryable as unknown as { performIO: PerformIO; client: { query: SimpleQuery } };
  const performIO = q.performIO.bind(queryable);
  q.performIO = async (query) => readable(await performIO(query));
  const executeRaw = queryable.executeRaw.bind(queryable);
  const simple: SimpleQuery = (sql) => q.client.query(sql);
  queryable.executeRaw = (query) => (query.args.length === 0 ? runScript(simple, query.sql) : executeRaw(query));
  return queryable;
}

function corrected(adapter: SqlDriverAdapter): SqlDriverAdapter {
  corrections(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => corrections(await startTransaction(isolationLevel));
  const pool = (adapter as unknown as { underlyingDriver(): Pool }).underlyingDriver();
  adapter.executeScript = async (script) => {
    await runScript((sql) => pool.query(sql), script);
  };
  return adapter;
}

let timersPatched = false;

/** Unrefs the wasm engine's long timers (its timeouts), in the CLI's process only. */
function unrefEngineTimeouts(): void {
  if (timersPatched) return;
  timersPatched = true;
  const original = globalThis.setTimeout;
  const patched = function (this: unknown, ...args: Parameters<typeof setTimeout>) {
    const timer = original.apply(this, args);
    if (Number(args[1] ?? 0) >= 5_000 && new Error().stack?.includes("wasm://")) timer.unref?.();
    return timer;
  };
  globalThis.setTimeout = Object.assign(patched, original) as typeof setTimeout;
}

export class PgCliAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly inner: PrismaPg;

  constructor(private readonly url: string) {
    unrefEngineTimeouts();
    this.inner = new PrismaPg({ connectionString: url, max: 2, allowExitOnIdle: true });
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return corrected(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
    const main = corrected(await this.inner.connect());
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${name}`;
    const shadow = corrected(await new PrismaPg({ connectionString: shadowUrl.toString(), max: 2, allowExitOnIdle: true }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      try {
        await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      } finally {
        await main.dispose();
      }
    };
    return shadow;
  }
}
