/**
 * Several courses per instructor, against a real SQLite file: the current course and its
 * cookie, creating and cloning a course (rules come across, students and submissions do not),
 * archiving, join codes, joining another course, co-instructors, and the gradebook's file name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { registerStudent, upsertInstructor } = await import("../../server/accounts/register");
const { syncTasks } = await import("../../server/courses/sync-tasks");
const { exerciseSlugs } = await import("../../server/courses/exercise-files");
const { currentInstructorCourse, CURRENT_COURSE_COOKIE, switchableCourses } = await import("../../server/courses/current-course");
const { createCourse } = await import("../../server/courses/create-course");
const { setCourseArchived } = await import("../../server/courses/archive");
const { regenerateJoinCode } = await import("../../server/courses/join-codes");
const { joinCourse } = await import("../../server/courses/join-course");
const { addCoInstructor, courseStaff, removeCoInstructor } = await import("../../server/courses/staff");
const { coursesForUser, taskForMember } = await import("../../server/courses/task-list");
const { generateJoinCode } = await import("../../server/accounts/join-code");
const { gradebookFileName } = await import("../../server/instructor/gradebook-csv");
const { createSubmission } = await import("../../server/submissions/create");
type SessionUser = import("../../server/auth").SessionUser;

const jar = (courseId?: string) => ({ get: (name: string) => (name === CURRENT_COURSE_COOKIE && courseId ? { value: courseId } : undefined) });
const asUser = async (id: string): Promise<SessionUser> => {
  const u = await db.user.findUniqueOrThrow({ where: { id } });
  return { id: u.id, email: u.email, name: u.name, role: u.role === "instructor" ? "instructor" : "student" };
};

let first: { id: string; joinCode: string };
let prof: SessionUser;
let other: SessionUser;
let ana: SessionUser;

beforeAll(async () => {
  first = await db.course.create({ data: { slug: "redes", title: "Redes Recorrentes", term: "2026.1", joinCode: "FIRST-CODE" } });
  await syncTasks();
  prof = await asUser(await upsertInstructor({ name: "Prof", email: "prof@x.org", password: "password-1" }, { staffOf: [first.id] }));
  other = await asUser(await upsertInstructor({ name: "Outra", email: "outra@x.org", password: "password-2" }));
  const a = await registerStudent({ name: "Ana", email: "ana@x.org", password: "password-3", joinCode: "FIRST-CODE" });
  if (!a.ok) throw new Error("registration");
  ana = await asUser(a.userId);
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("an instructor account alone sees no course", () => {
  it("is staff only of the courses it was given, not of every course", async () => {
    expect(await currentInstructorCourse(other, jar())).toBeNull();
    expect(await currentInstructorCourse(other, jar(first.id))).toBeNull();
    expect((await currentInstructorCourse(prof, jar()))?.id).toBe(first.id);
    // A student never has a current instructor course, whatever their cookie says.
    expect(await currentInstructorCourse(ana, jar(first.id))).toBeNull();
  });
});

describe("creating and cloning courses", () => {
  it("creates a blank course with every task of exercises/, default rules, a fresh join code, its creator as staff", async () => {
    const r = await createCourse(prof, { title: "Redes Recorrentes", term: "2026.2", cloneFrom: "" });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const course = await db.course.findUniqueOrThrow({ where: { id: r.courseId }, include: { tasks: { orderBy: { slug: "asc" } }, enrollments: true } });
    expect(course.term).toBe("2026.2");
    expect(course.slug).toBe("redes-recorrentes-2026-2");
    expect(course.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(course.tasks.map((t) => t.slug)).toEqual(exerciseSlugs());
    const template = await db.task.findFirstOrThrow({ where: { courseId: first.id, slug: "sine-forecast" } });
    const copy = course.tasks.find((t) => t.slug === "sine-forecast")!;
    expect({ titlePt: copy.titlePt, checkRules: copy.checkRules, taskRuns: copy.taskRuns, taskMaxEpochs: copy.taskMaxEpochs }).toEqual({
      titlePt: template.titlePt, checkRules: template.checkRules, taskRuns: template.taskRuns, taskMaxEpochs: template.taskMaxEpochs,
    });
    expect(copy).toMatchObject({ dueAt: null, maxPerDay: null, policy: "best", leaderboardVisible: false, overrides: null, lateCredit: 1 });
    expect(course.enrollments).toEqual([expect.objectContaining({ userId: prof.id, role: "instructor" })]);
    // The same title and term again gets a slug of its own.
    const again = await createCourse(prof, { title: "Redes Recorrentes", term: "2026.2" });
    expect(again.ok && (await db.course.findUniqueOrThrow({ where: { id: again.courseId } })).slug).toBe("redes-recorrentes-2026-2-2");
  });

  it("clones every rule of every task, and neither students nor submissions nor other instructors", async () => {
    const [task] = await db.task.findMany({ where: { courseId: first.id, slug: "next-number" } });
    const created = await createSubmission(ana, task.id, new TextEncoder().encode("export const x = 1;"), null);
    expect(created.ok).toBe(true);
    const rules = {
      opensAt: new Date("2026-03-01T12:00:00Z"), dueAt: new Date("2026-03-20T23:59:00Z"), lateUntil: new Date("2026-03-25T23:59:00Z"),
      lateCredit: 0.6, maxPerDay: 4, policy: "last", leaderboardVisible: true, maxEpochs: 30, overrides: { points: { rnnMse: 2 }, thresholds: { lstmMse: { full: 0.01 } }, runs: 7 },
    };
    await db.task.update({ where: { id: task.id }, data: rules });
    await db.enrollment.create({ data: { userId: other.id, courseId: first.id, role: "instructor" } });

    const r = await createCourse(prof, { title: "Redes Recorrentes", term: "2027.1", cloneFrom: first.id });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const clone = await db.course.findUniqueOrThrow({ where: { id: r.courseId }, include: { tasks: true, enrollments: true } });
    expect(clone.clonedFromId).toBe(first.id);
    expect(clone.tasks).toHaveLength(await db.task.count({ where: { courseId: first.id } }));
    expect(clone.tasks.find((t) => t.slug === "next-number")).toMatchObject(rules);
    expect(clone.enrollments.map((e) => [e.userId, e.role])).toEqual([[prof.id, "instructor"]]);
    expect(await db.submission.count({ where: { task: { courseId: clone.id } } })).toBe(0);
    // The source keeps its students, submissions and rules.
    expect(await db.submission.count({ where: { task: { courseId: first.id } } })).toBe(1);
    expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject(rules);
    await db.enrollment.delete({ where: { userId_courseId: { userId: other.id, courseId: first.id } } });
  });

  it("clones only a course the instructor is staff of, and refuses students and empty fields", async () => {
    const theirs = await createCourse(other, { title: "Alheia", term: "2026.2" });
    if (!theirs.ok) throw new Error("create");
    expect(await createCourse(prof, { title: "Cópia", term: "2026.2", cloneFrom: theirs.courseId })).toEqual({ ok: false, error: "sourceNotFound" });
    expect(await createCourse(prof, { title: "Cópia", term: "2026.2", cloneFrom: "no-such-course" })).toEqual({ ok: false, error: "sourceNotFound" });
    expect(await createCourse(ana, { title: "Minha", term: "2026.2" })).toEqual({ ok: false, error: "forbidden" });
    expect(await createCourse(prof, { title: "  ", term: "" })).toEqual({ ok: false, error: "invalid", fields: ["title", "term"] });
  });
});

describe("the current course", () => {
  it("follows the cookie among the instructor's courses, and ignores a cookie naming anyone else's", async () => {
    const mine = await db.course.findMany({ where: { enrollments: { some: { userId: prof.id, role: "instructor" } } }, orderBy: { createdAt: "asc" } });
    expect(mine.length).toBeGreaterThan(2);
    expect((await currentInstructorCourse(prof, jar(mine[2].id)))?.id).toBe(mine[2].id);
    const theirs = await db.course.findFirstOrThrow({ where: { title: "Alheia" } });
    expect((await currentInstructorCourse(prof, jar(theirs.id)))?.id).toBe(mine[0].id);
    expect((await currentInstructorCourse(prof, jar("x".repeat(500))))?.id).toBe(mine[0].id);
  });

  it("falls back to the oldest active course, and lists archived courses apart", async () => {
    const mine = await db.course.findMany({ where: { enrollments: { some: { userId: prof.id, role: "instructor" } } }, orderBy: { createdAt: "asc" } });
    expect(await setCourseArchived(prof, mine[0].id, true)).toEqual({ ok: true });
    expect((await currentInstructorCourse(prof, jar()))?.id).toBe(mine[1].id);
    // An archived course stays reachable when chosen explicitly.
    expect((await currentInstructorCourse(prof, jar(mine[0].id)))?.id).toBe(mine[0].id);
    const { active, archived } = await switchableCourses(prof.id);
    expect(archived.map((c) => c.id)).toEqual([mine[0].id]);
    expect(active.map((c) => c.id)).toEqual(mine.slice(1).map((c) => c.id));
    await setCourseArchived(prof, mine[0].id, false);
  });
});

describe("archiving", () => {
  it("is for the course's staff only, keeps the first date, and can be undone", async () => {
    expect(await setCourseArchived(other, first.id, true)).toEqual({ ok: false, error: "forbidden" });
    expect(await setCourseArchived(ana, first.id, true)).toEqual({ ok: false, error: "forbidden" });
    const at = new Date("2026-07-01T10:00:00Z");
    await setCourseArchived(prof, first.id, true, at);
    await setCourseArchived(prof, first.id, true, new Date("2026-08-01T10:00:00Z"));
    expect((await db.course.findUniqueOrThrow({ where: { id: first.id } })).archivedAt).toEqual(at);
    // Students still see the course and its tasks, marked archived.
    expect((await coursesForUser(ana)).find((c) => c.course.id === first.id)?.course.archived).toBe(true);
    await setCourseArchived(prof, first.id, false);
    expect((await db.course.findUniqueOrThrow({ where: { id: first.id } })).archivedAt).toBeNull();
  });

  it("gives an archived course no new task at start, while active courses get what they miss", async () => {
    const clone = await db.course.findFirstOrThrow({ where: { term: "2027.1" } });
    await setCourseArchived(prof, clone.id, true);
    await db.task.deleteMany({ where: { slug: "imdb-sentiment", courseId: { in: [clone.id, first.id] } } });
    await syncTasks();
    expect(await db.task.count({ where: { slug: "imdb-sentiment", courseId: first.id } })).toBe(1);
    expect(await db.task.count({ where: { slug: "imdb-sentiment", courseId: clone.id } })).toBe(0);
    await setCourseArchived(prof, clone.id, false);
  });
});

describe("join codes and joining another course", () => {
  it("draws codes from an alphabet without look-alike characters", () => {
    let i = 0;
    expect(generateJoinCode(() => i++)).toBe("ABCD-EFGH");
    for (let n = 0; n < 50; n++) expect(generateJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  });

  it("lets a student join a second course by its code, in any case, once", async () => {
    const second = await db.course.findFirstOrThrow({ where: { term: "2026.2", title: "Redes Recorrentes" }, orderBy: { createdAt: "asc" } });
    expect(await joinCourse(ana, { joinCode: ` ${second.joinCode.toLowerCase()} ` })).toEqual({ ok: true, courseId: second.id });
    expect(await joinCourse(ana, { joinCode: second.joinCode })).toEqual({ ok: false, error: "alreadyMember" });
    expect(await joinCourse(ana, { joinCode: "NOPE-NOPE" })).toEqual({ ok: false, error: "unknownJoinCode" });
    expect(await joinCourse(ana, { joinCode: "" })).toEqual({ ok: false, error: "invalid" });
    // Instructors become staff only when added by the course's instructors.
    expect(await joinCourse(other, { joinCode: second.joinCode })).toEqual({ ok: false, error: "notStudent" });
    // Each course's tasks apart: the same slug twice, in two courses.
    const mine = await coursesForUser(ana);
    expect(mine.map((c) => c.course.id).sort()).toEqual([first.id, second.id].sort());
    for (const c of mine) expect(c.tasks.every((t) => t.courseId === c.course.id)).toBe(true);
    expect((await taskForMember(ana, second.id, "next-number"))?.task.courseId).toBe(second.id);
    expect((await taskForMember(ana, second.id, "next-number"))?.staff).toBe(false);
  });

  it("refuses joining or registering into an archived course, and a regenerated code retires the old one", async () => {
    const course = await db.course.findFirstOrThrow({ where: { term: "2027.1" } });
    const old = course.joinCode;
    const fresh = await regenerateJoinCode(prof, course.id);
    if (!fresh.ok) throw new Error("regenerate");
    expect(fresh.joinCode).not.toBe(old);
    expect(await joinCourse(ana, { joinCode: old })).toEqual({ ok: false, error: "unknownJoinCode" });
    expect(await regenerateJoinCode(other, course.id)).toEqual({ ok: false, error: "forbidden" });
    await setCourseArchived(prof, course.id, true);
    expect(await joinCourse(ana, { joinCode: fresh.joinCode })).toEqual({ ok: false, error: "courseArchived" });
    expect(await registerStudent({ name: "Bia", email: "bia@x.org", password: "password-4", joinCode: fresh.joinCode })).toEqual({ ok: false, error: "courseArchived" });
    expect(await regenerateJoinCode(prof, course.id)).toEqual({ ok: false, error: "course.archived" });
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).joinCode).toBe(fresh.joinCode);
    await setCourseArchived(prof, course.id, false);
  });
});

describe("co-instructors", () => {
  it("adds an existing instructor account by email, with a clear refusal otherwise", async () => {
    expect(await addCoInstructor(prof, first.id, "ninguem@x.org")).toEqual({ ok: false, error: "noAccount" });
    expect(await addCoInstructor(prof, first.id, "ana@x.org")).toEqual({ ok: false, error: "notInstructor" });
    expect(await addCoInstructor(prof, first.id, "not an email")).toEqual({ ok: false, error: "invalidEmail" });
    expect(await addCoInstructor(prof, first.id, "prof@x.org")).toEqual({ ok: false, error: "alreadyStaff" });
    // Only the course's own instructors add anyone.
    expect(await addCoInstructor(other, first.id, "outra@x.org")).toEqual({ ok: false, error: "forbidden" });
    expect(await addCoInstructor(ana, first.id, "outra@x.org")).toEqual({ ok: false, error: "forbidden" });
    expect(await currentInstructorCourse(other, jar(first.id)).then((c) => c?.id)).not.toBe(first.id);

    expect(await addCoInstructor(prof, first.id, "  OUTRA@x.org ")).toEqual({ ok: true, name: "Outra" });
    expect((await courseStaff(first.id)).map((s) => s.email)).toEqual(["outra@x.org", "prof@x.org"]);
    expect((await currentInstructorCourse(other, jar(first.id)))?.id).toBe(first.id);
    // A student of the course is not one of its instructors for that.
    expect((await courseStaff(first.id)).some((s) => s.id === ana.id)).toBe(false);
  });

  it("removes one while another remains, never the last", async () => {
    expect(await removeCoInstructor(prof, first.id, ana.id)).toEqual({ ok: false, error: "notStaff" });
    expect(await removeCoInstructor(other, first.id, prof.id)).toEqual({ ok: true });
    expect(await removeCoInstructor(other, first.id, other.id)).toEqual({ ok: false, error: "lastInstructor" });
    expect(await removeCoInstructor(prof, first.id, other.id)).toEqual({ ok: false, error: "forbidden" });
    await addCoInstructor(other, first.id, "prof@x.org");
  });
});

describe("the gradebook's file name", () => {
  it("carries the course and its term, in ASCII", () => {
    expect(gradebookFileName({ title: "Redes Neurais Recorrentes", term: "2026.2" }, "standard")).toBe("treino-redes-neurais-recorrentes-2026-2-notas.csv");
    expect(gradebookFileName({ title: "Introdução à Visão", term: "2027.1" }, "br")).toBe("treino-introducao-a-visao-2027-1-notas-planilha-br.csv");
    expect(gradebookFileName({ title: "Curso \"x\"; rm", term: "" }, "standard")).toBe("treino-curso-x-rm-notas.csv");
  });
});
