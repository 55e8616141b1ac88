/**
 * Row locks that keep a transaction's invariant on PostgreSQL, where transactions run side by
 * side at READ COMMITTED: a transaction that reads, decides, then writes (counts a student's
 * hand-ins then adds one; finds two instructors then removes one) first locks the parent row
 * the invariant hangs on, so a second such transaction waits there and then reads what the
 * first wrote. On SQLite every transaction already holds the database's write lock from its
 * start (BEGIN IMMEDIATE, sqlite-adapter.ts): there is nothing more to take, and the same
 * query only says whether the row exists.
 *
 * FOR NO KEY UPDATE, not FOR UPDATE: it excludes the other lockers (and updates of the row),
 * but not inserts of rows that reference it (a foreign key check takes KEY SHARE), so a hand-in
 * or an enrollment elsewhere in the course never waits on it.
 *
 * Lock order, to keep transactions that take two locks from deadlocking: Course, then User
 * (invitations), then Invitation rows; Enrollment locks are taken alone.
 */
import { dbProvider, Prisma } from "./index";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

const forUpdate = () => (dbProvider === "postgresql" ? Prisma.sql`FOR NO KEY UPDATE` : Prisma.empty);

async function lock(tx: Tx, query: Prisma.Sql): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>(query);
  return rows.length > 0;
}

/** Locks the user's membership of the course (a student's hand-ins and exceptions there); false when there is none. */
export function lockEnrollment(tx: Tx, userId: string, courseId: string): Promise<boolean> {
  return lock(tx, Prisma.sql`SELECT 1 AS "found" FROM "Enrollment" WHERE "userId" = ${userId} AND "courseId" = ${courseId} ${forUpdate()}`);
}

/** Locks the course (its staff, its roster imports); false when it does not exist. */
export function lockCourse(tx: Tx, courseId: string): Promise<boolean> {
  return lock(tx, Prisma.sql`SELECT 1 AS "found" FROM "Course" WHERE "id" = ${courseId} ${forUpdate()}`);
}

/** Locks the account (its password and invitation links); false when it does not exist. */
export function lockUser(tx: Tx, userId: string): Promise<boolean> {
  return lock(tx, Prisma.sql`SELECT 1 AS "found" FROM "User" WHERE "id" = ${userId} ${forUpdate()}`);
}
