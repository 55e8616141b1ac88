/**
 * The largest roster a file may hold, imported in its one transaction, on whichever database
 * the run uses (SQLite, or PostgreSQL under `npm run test:postgres`): some 5,000 statements,
 * which outlast Prisma's default 5-second transaction limit on a loaded machine.
 */
import { afterAll, expect, it } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { importRoster } = await import("../../server/roster/import");
const { MAX_ROSTER_ROWS } = await import("../../server/roster/parse");
const { CURRENT_COURSE_COOKIE } = await import("../../server/courses/current-course");

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

it(`imports ${MAX_ROSTER_ROWS} new students at once`, async () => {
  const c = await seedClass();
  const courseId = (await db.task.findUniqueOrThrow({ where: { id: c.taskId } })).courseId;
  const csv = "Name,Email\n" + Array.from({ length: MAX_ROSTER_ROWS }, (_, i) => `Student ${i},s${i}@x.org`).join("\n");
  const cookies = { get: (name: string) => (name === CURRENT_COURSE_COOKIE ? { value: courseId } : undefined) };
  const result = await importRoster(c.prof, cookies, new TextEncoder().encode(csv), courseId);
  expect(result).toMatchObject({ ok: true, skipped: 0 });
  expect(result.ok && result.invited).toHaveLength(MAX_ROSTER_ROWS);
  expect(await db.enrollment.count({ where: { courseId, role: "student" } })).toBe(MAX_ROSTER_ROWS + 2); // and Ana and Bia
  expect(await db.invitation.count({ where: { courseId, usedAt: null, revokedAt: null } })).toBe(MAX_ROSTER_ROWS);
});
