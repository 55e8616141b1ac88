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
});
