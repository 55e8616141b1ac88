/**
 * Invariants that must hold when requests race, on whichever database the run uses: SQLite by
 * default, PostgreSQL under `npm run test:postgres` (TREINO_TEST_POSTGRES_URL). On SQLite every
 * transaction holds the write lock from its start, so races are serialized by the database; on
 * PostgreSQL transactions run side by side at READ COMMITTED, and the code's row locks
 * (server/db/locks.ts), conditional updates and SKIP LOCKED claims are what keep these true.
 * Each race is run a few rounds, its contenders started together on separate connections (the
 * pool's, or separate clients).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
delete process.env.REDIS_URL; // the database queue
const { db, createClient, dbProvider, Prisma } = await import("../../server/db");
const { isUniqueViolation } = await import("../../server/db/errors");
const { seedClass } = await import("./class-fixture");
const { registerStudent, upsertInstructor } = await import("../../server/accounts/register");
const { createSubmission } = await import("../../server/submissions/create");
const { claimNext } = await import("../../server/queue/database-queue");
const { removeCoInstructor } = await import("../../server/courses/staff");
const { grantException } = await import("../../server/exceptions/grant");
const { reissueInvitation } = await import("../../server/roster/invitations");
const { CURRENT_COURSE_COOKIE } = await import("../../server/courses/current-course");
type SessionUser = import("../../server/auth").SessionUser;
type ClassFixture = import("./class-fixture").ClassFixture;
type Db = import("../../server/db").Db;

const ROUNDS = 4;
const code = new TextEncoder().encode("export const x = 1;");
const jar = (courseId: string) => ({ get: (name: string) => (name === CURRENT_COURSE_COOKIE ? { value: courseId } : undefined) });

let c: ClassFixture;
let courseId: string;
/** Other clients on the same database: their own connections, as other processes would have. */
let others: Db[] = [];

beforeAll(async () => {
  c = await seedClass();
  courseId = (await db.task.findUniqueOrThrow({ where: { id: c.taskId } })).courseId;
  others = [createClient(testDb.url, { poolSize: 2 }), createClient(testDb.url, { poolSize: 2 })];
});

afterAll(async () => {
  await Promise.all([db, ...others].map((client) => client.$disconnect()));
  testDb.cleanup();
});

describe(`races on ${dbProvider}`, () => {
  it("of two registrations with one email at once, one account is made and the other is told the email is taken", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const email = `twice-${round}@x.org`;
      const form = { name: "Twice", email, password: "password-1", joinCode: "JOIN" };
      const answers = await Promise.all([registerStudent(form), registerStudent(form)]);
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      expect(answers.find((a) => !a.ok)).toEqual({ ok: false, error: "emailTaken" });
      expect(await db.user.count({ where: { email } })).toBe(1);
    }
  });

  it("of several hand-ins for the last slot of the 24-hour limit, exactly one is stored", async () => {
    await db.task.update({ where: { id: c.taskId }, data: { maxPerDay: 1 } });
    for (let round = 0; round < ROUNDS; round++) {
      await db.submission.deleteMany({ where: { userId: c.ana.id } });
      const results = await Promise.all(Array.from({ length: 5 }, () => createSubmission(c.ana, c.taskId, code, null)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(4).fill("rules.limit"));
      expect(await db.submission.count({ where: { userId: c.ana.id, taskId: c.taskId } })).toBe(1);
    }
    await db.task.update({ where: { id: c.taskId }, data: { maxPerDay: null } });
    await db.submission.deleteMany({ where: { userId: c.ana.id } });
  });

  it("hand-ins at once without a limit are all stored, numbered 1..n", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => createSubmission(c.bia, c.taskId, code, null)));
    expect(results.every((r) => r.ok)).toBe(true);
    const attempts = await db.submission.findMany({ where: { userId: c.bia.id }, orderBy: { attempt: "asc" }, select: { attempt: true } });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    await db.submission.deleteMany({ where: { userId: c.bia.id } });
  });

  it("two instructors removing each other at once leave one of them", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const course = await db.course.create({ data: { slug: `staff-${round}`, title: "Staff", joinCode: `STAFF-${round}` } });
      const a = await instructor(`a${round}@x.org`, course.id);
      const b = await instructor(`b${round}@x.org`, course.id);
      const results = await Promise.all([removeCoInstructor(a, course.id, b.id), removeCoInstructor(b, course.id, a.id)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false });
      expect(await db.enrollment.count({ where: { courseId: course.id, role: "instructor" } })).toBe(1);
    }
  });

  it("a third instructor removing both others at once leaves the third", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const course = await db.course.create({ data: { slug: `trio-${round}`, title: "Trio", joinCode: `TRIO-${round}` } });
      const [a, b, third] = [await instructor(`ta${round}@x.org`, course.id), await instructor(`tb${round}@x.org`, course.id), await instructor(`tc${round}@x.org`, course.id)];
      const results = await Promise.all([removeCoInstructor(third, course.id, a.id), removeCoInstructor(third, course.id, b.id)]);
      expect(results.every((r) => r.ok)).toBe(true); // three became one: both removals are allowed
      expect(await db.enrollment.count({ where: { courseId: course.id, role: "instructor" } })).toBe(1);
    }
  });

  it("of exceptions granted at once to one student on one task, exactly one is in force", async () => {
    await db.task.update({ where: { id: c.taskId }, data: { maxPerDay: 2 } });
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all([1, 2, 3].map((extra) => grantException(c.prof, jar(courseId), { taskId: c.taskId, userId: c.ana.id, dueAt: "", lateUntil: "", extraAttempts: String(extra), lateCreditPercent: "" })));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await db.taskException.count({ where: { taskId: c.taskId, userId: c.ana.id, revokedAt: null } })).toBe(1);
    }
    await db.task.update({ where: { id: c.taskId }, data: { maxPerDay: null } });
  });

  it("of invitation links issued at once for one student, exactly one works", async () => {
    const pending = await db.user.create({ data: { email: "pendente@x.org", name: "Pendente", passwordHash: "", enrollments: { create: { courseId } } } });
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all([1, 2, 3].map(() => reissueInvitation(c.prof, jar(courseId), pending.id, courseId)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await db.invitation.count({ where: { userId: pending.id, usedAt: null, revokedAt: null } })).toBe(1);
    }
  });

  it("workers claiming through separate connections take every job exactly once", async () => {
    const ids: string[] = [];
    const now = Date.now();
    for (let i = 0; i < 12; i++) {
      const sub = await db.submission.create({ data: { userId: c.bia.id, taskId: c.taskId, attempt: 100 + i, code: "x", queuedAt: new Date(now + i) } });
      ids.push(sub.id);
    }
    const claimers = [db, ...others].flatMap((client, i) => [0, 1].map((j) => ({ client, worker: `w${i}-${j}` })));
    const taken = await Promise.all(
      claimers.map(async ({ client, worker }) => {
        const mine: string[] = [];
        for (let id = await claimNext(client, worker); id; id = await claimNext(client, worker)) mine.push(id);
        return mine;
      }),
    );
    const all = taken.flat();
    expect(new Set(all).size).toBe(all.length); // no job twice
    expect([...all].sort()).toEqual([...ids].sort()); // every job
    for (const [i, mine] of taken.entries()) {
      expect(await db.submission.count({ where: { id: { in: mine }, workerId: claimers[i].worker, status: "running", claims: 1 } })).toBe(mine.length);
    }
    await db.submission.deleteMany({ where: { id: { in: ids } } });
  });

  it.runIf(dbProvider === "postgresql")("a claim skips a job another transaction holds instead of waiting for it (SKIP LOCKED)", async () => {
    const now = Date.now();
    const first = await db.submission.create({ data: { userId: c.bia.id, taskId: c.taskId, attempt: 200, code: "x", queuedAt: new Date(now) } });
    const second = await db.submission.create({ data: { userId: c.bia.id, taskId: c.taskId, attempt: 201, code: "x", queuedAt: new Date(now + 1) } });
    let claimed: string | null | "waited" = null;
    await others[0].$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Submission" WHERE "id" = ${first.id} FOR UPDATE`; // held until this transaction ends
      claimed = await Promise.race([claimNext(others[1], "w-skip"), new Promise<"waited">((r) => setTimeout(() => r("waited"), 2_000))]);
    });
    expect(claimed).toBe(second.id);
    expect(await claimNext(others[1], "w-skip")).toBe(first.id); // once let go, the first is there to take
    await db.submission.deleteMany({ where: { id: { in: [first.id, second.id] } } });
  });

  it("a unique violation is P2002 and a Prisma error on every client, inside a transaction too", async () => {
    const duplicate = { email: "ana@x.org", name: "Again", passwordHash: "" };
    for (const client of [db, others[0]]) {
      const outside = await client.user.create({ data: duplicate }).catch((err: unknown) => err);
      expect(outside).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect(isUniqueViolation(outside)).toBe(true);
      const inside = await client.$transaction((tx) => tx.user.create({ data: duplicate })).catch((err: unknown) => err);
      expect(isUniqueViolation(inside)).toBe(true);
    }
  });

  it("keeps JSON as written (key order included) and dates to the millisecond", async () => {
    const progress = { phase: "training", curves: { simpleRnn: [{ epoch: 1, loss: 0.1 }], lstm: [{ epoch: 1, loss: 0.2 }] }, z: 1, a: 2 };
    const at = new Date("2026-03-04T05:06:07.089Z");
    const sub = await db.submission.create({ data: { userId: c.bia.id, taskId: c.taskId, attempt: 300, code: "x", progress, createdAt: at } });
    for (const client of [db, others[0]]) {
      const back = await client.submission.findUniqueOrThrow({ where: { id: sub.id } });
      expect(JSON.stringify(back.progress)).toBe(JSON.stringify(progress));
      expect(back.createdAt.toISOString()).toBe(at.toISOString());
      expect(await client.submission.count({ where: { id: sub.id, createdAt: { gt: new Date(at.getTime() - 1), lt: new Date(at.getTime() + 1) } } })).toBe(1);
    }
    await db.submission.delete({ where: { id: sub.id } });
  });
});

async function instructor(email: string, courseId: string): Promise<SessionUser> {
  const id = await upsertInstructor({ name: email, email, password: "password-123" }, { staffOf: [courseId] });
  return { id, email, name: email, role: "instructor" };
}
