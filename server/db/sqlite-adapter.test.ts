/**
 * A transaction that reads then writes, while another process takes SQLite's write lock in
 * between: with the adapter's deferred BEGIN, SQLite refuses the upgrade at once (P1008, a lost
 * hand-in); with BEGIN IMMEDIATE the transaction holds the lock from its start, the other
 * process waits its turn, and both writes land.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../tests/web/test-db";

const fresh = freshDatabase();
let db: typeof import("./index").db;

/** Another process with its own connection: on "lock" it takes the write lock, writes, holds it 1.5 s, commits. */
function otherWriter(file: string): ChildProcessWithoutNullStreams {
  const script = `
    const Database = require("better-sqlite3");
    const conn = new Database(${JSON.stringify(file)}, { timeout: 10000 });
    process.stdin.on("data", () => {
      conn.exec("BEGIN IMMEDIATE");
      conn.prepare("INSERT INTO Course (id, slug, title, joinCode) VALUES ('other', 'other', 'Other', 'OTHER1')").run();
      process.stdout.write("locked\\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
      conn.exec("COMMIT");
      process.stdout.write("committed\\n");
      process.exit(0);
    });
    process.stdout.write("ready\\n");`;
  return spawn(process.execPath, ["-e", script], { cwd: process.cwd() });
}

function lines(child: ChildProcessWithoutNullStreams): string[] {
  const seen: string[] = [];
  child.stdout.on("data", (b: Buffer) => seen.push(...b.toString().split("\n").filter(Boolean)));
  return seen;
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

beforeAll(async () => {
  ({ db } = await import("./index"));
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL"); // as `npm start` sets it
});
afterAll(async () => {
  await db.$disconnect();
  fresh.cleanup();
});

describe("SQLite transactions", () => {
  it("a read-then-write transaction is not refused when another process writes in between", async () => {
    const child = otherWriter(fresh.url.slice("file:".length));
    const seen = lines(child);
    expect(await until(() => seen.includes("ready"), 10_000)).toBe(true);

    await db.$transaction(async (tx) => {
      expect(await tx.course.count()).toBe(0); // the read
      child.stdin.write("lock\n");
      // The other process cannot take the lock while this transaction holds it.
      expect(await until(() => seen.includes("locked"), 500)).toBe(false);
      await tx.course.create({ data: { slug: "mine", title: "Mine", joinCode: "MINE01" } }); // the write
    });

    await once(child, "exit");
    expect(seen).toEqual(["ready", "locked", "committed"]);
    expect((await db.course.findMany({ orderBy: { slug: "asc" }, select: { slug: true } })).map((c) => c.slug)).toEqual(["mine", "other"]);
  });

  it("another request's queries during a transaction wait for it: no uncommitted rows seen, no write undone by its rollback", async () => {
    const waiting = (ms: number) => new Promise((r) => setTimeout(() => r("waiting"), ms));
    let seen: unknown;
    let meanwhile: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.course.create({ data: { slug: "undone", title: "Undone", joinCode: "UNDONE" } });
        // Another request, on the same connection, while this transaction is open.
        seen = await Promise.race([db.$queryRaw`SELECT slug FROM "Course" WHERE slug = 'undone'`, waiting(100)]);
        meanwhile = db.$executeRaw`INSERT INTO "Course" (id, slug, title, joinCode) VALUES ('kept', 'kept', 'Kept', 'KEPT01')`;
        await waiting(50);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(seen).toBe("waiting");
    expect(await meanwhile).toBe(1);
    expect(await db.course.findUnique({ where: { slug: "undone" } })).toBeNull();
    expect(await db.course.findUnique({ where: { slug: "kept" } })).not.toBeNull();
  });

  it("a failed transaction rolls back and leaves the connection usable", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.course.create({ data: { slug: "gone", title: "Gone", joinCode: "GONE01" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.course.findUnique({ where: { slug: "gone" } })).toBeNull();
    await db.$transaction((tx) => tx.course.create({ data: { slug: "after", title: "After", joinCode: "AFTER1" } }));
    expect(await db.course.count()).toBe(4);
  });
});
