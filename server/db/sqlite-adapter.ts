/**
 * Prisma's better-sqlite3 adapter, with two corrections for a web server, a grading worker and
 * a similarity runner writing to one SQLite file.
 *
 * 1. Transactions open with BEGIN IMMEDIATE. The adapter's plain (deferred) BEGIN makes a
 *    transaction that reads first (the hand-in's rules, the result's claim) upgrade its read
 *    lock when it writes, and in WAL mode SQLite refuses that upgrade at once with SQLITE_BUSY,
 *    without waiting the busy timeout, whenever another process holds the write lock at that
 *    moment (Prisma's P1008: a student's hand-in was lost to it). BEGIN IMMEDIATE takes the
 *    write lock first, so the transaction waits its turn and cannot be refused halfway.
 *
 * 2. A query outside a transaction waits for the open transaction to end. The process has one
 *    connection, and an interactive transaction spans many event-loop turns: another request's
 *    query would otherwise run inside it, see its uncommitted rows, and vanish with it if it
 *    rolls back.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

/** One holder at a time, in arrival order. */
class Gate {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function corrected(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const gate = new Gate();
  const start = adapter.startTransaction.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);

  adapter.queryRaw = (query) => gate.run(() => queryRaw(query));
  adapter.executeRaw = (query) => gate.run(() => executeRaw(query));
  adapter.executeScript = (script) => gate.run(() => executeScript(script));
  adapter.startTransaction = async (isolationLevel) => {
    const release = await gate.acquire();
    let tx: Transaction;
    try {
      // The adapter's own BEGIN; nothing has run in it yet, so it is swapped for an immediate one.
      tx = await start(isolationLevel);
    } catch (err) {
      release();
      throw err;
    }
    try {
      await tx.executeRaw(statement("ROLLBACK"));
      await tx.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (err) {
      await tx.rollback(); // no transaction is open on the connection now
      release();
      throw err;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(release);
    tx.rollback = () => rollback().finally(release);
    return tx;
  };
  return adapter;
}

export class ImmediateSQLiteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  private readonly inner: PrismaBetterSQLite3;

  constructor(config: ConstructorParameters<typeof PrismaBetterSQLite3>[0]) {
    this.inner = new PrismaBetterSQLite3(config);
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return corrected(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return corrected(await this.inner.connectToShadowDb());
  }
}
