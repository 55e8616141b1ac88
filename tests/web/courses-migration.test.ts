/**
 * The courses migration on a database from before it: instructors, who used to be enrolled in
 * every course with plain enrollments, become staff of those same courses (and of no other);
 * students stay students; existing courses get an empty term and stay active.
 */
import Database from "better-sqlite3";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const MIGRATIONS = path.join("prisma", "migrations");
const THIS_ONE = "20261201000000_courses_terms_staff";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-migration-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sqlOf = (name: string) => fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");

describe("the courses migration", () => {
  it("turns instructors' enrollments into staff memberships of the same courses", () => {
    const db = new Database(path.join(dir, "old.db"));
    const earlier = fs.readdirSync(MIGRATIONS).filter((m) => /^\d{14}_/.test(m) && m < THIS_ONE).sort();
    expect(earlier.length).toBeGreaterThan(0);
    for (const m of earlier) db.exec(sqlOf(m));
    const user = db.prepare(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "role") VALUES (?, ?, ?, 'x', ?)`);
    user.run("prof", "prof@x.org", "Prof", "instructor");
    user.run("ana", "ana@x.org", "Ana", "student");
    const course = db.prepare(`INSERT INTO "Course" ("id", "slug", "title", "joinCode") VALUES (?, ?, ?, ?)`);
    course.run("c1", "c1", "One", "ONE");
    course.run("c2", "c2", "Two", "TWO");
    const enroll = db.prepare(`INSERT INTO "Enrollment" ("userId", "courseId") VALUES (?, ?)`);
    enroll.run("prof", "c1");
    enroll.run("ana", "c1");
    enroll.run("ana", "c2");

    db.exec(sqlOf(THIS_ONE));

    expect(db.prepare(`SELECT "userId", "courseId", "role" FROM "Enrollment" ORDER BY "userId", "courseId"`).all()).toEqual([
      { userId: "ana", courseId: "c1", role: "student" },
      { userId: "ana", courseId: "c2", role: "student" },
      { userId: "prof", courseId: "c1", role: "instructor" },
    ]);
    expect(db.prepare(`SELECT "id", "term", "archivedAt", "clonedFromId" FROM "Course" ORDER BY "id"`).all()).toEqual([
      { id: "c1", term: "", archivedAt: null, clonedFromId: null },
      { id: "c2", term: "", archivedAt: null, clonedFromId: null },
    ]);
    db.close();
  });

  it("applies beside the rosters migration in either order (a database migrated on either branch), with the same result", () => {
    const ROSTERS = "20261201010000_rosters_and_exceptions";
    const earlier = fs.readdirSync(MIGRATIONS).filter((m) => /^\d{14}_/.test(m) && m < THIS_ONE).sort();
    const shapes = [[THIS_ONE, ROSTERS], [ROSTERS, THIS_ONE]].map((order, i) => {
      const db = new Database(path.join(dir, `both-${i}.db`));
      for (const m of earlier) db.exec(sqlOf(m));
      db.exec(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "role") VALUES ('prof', 'prof@x.org', 'Prof', 'x', 'instructor'), ('ana', 'ana@x.org', 'Ana', 'x', 'student')`);
      db.exec(`INSERT INTO "Course" ("id", "slug", "title", "joinCode") VALUES ('c1', 'c1', 'One', 'ONE')`);
      db.exec(`INSERT INTO "Enrollment" ("userId", "courseId") VALUES ('prof', 'c1'), ('ana', 'c1')`);
      db.exec(`INSERT INTO "Task" ("id", "courseId", "slug", "titlePt", "titleEn") VALUES ('t1', 'c1', 'next-number', 'a', 'b')`);
      db.exec(sqlOf(order[0]));
      db.exec(sqlOf(order[1]));
      // What the roster branch writes: an invitation and an exception, on the migrated tables.
      db.exec(`INSERT INTO "Invitation" ("id", "userId", "courseId", "tokenHash", "expiresAt") VALUES ('i1', 'ana', 'c1', 'h', '2030-01-01')`);
      db.exec(`INSERT INTO "TaskException" ("id", "taskId", "userId", "extraAttempts", "grantedById") VALUES ('e1', 't1', 'ana', 2, 'prof')`);
      const shape = {
        enrollments: db.prepare(`SELECT "userId", "courseId", "role" FROM "Enrollment" ORDER BY "userId"`).all(),
        tables: db.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE "type" IN ('table', 'index') AND "name" NOT LIKE 'sqlite_%' ORDER BY "name"`).all(),
      };
      db.close();
      return shape;
    });
    expect(shapes[0].enrollments).toEqual([
      { userId: "ana", courseId: "c1", role: "student" },
      { userId: "prof", courseId: "c1", role: "instructor" },
    ]);
    expect(shapes[1]).toEqual(shapes[0]);
  });
});
