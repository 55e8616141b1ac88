/**
 * Every access rule across courses, against a real SQLite file and the real pages, route
 * handlers and server actions. Two courses, A and B, each with its instructor, a student and a
 * graded submission: nobody in A (student or instructor) sees B's students, submissions,
 * gradebook, leaderboard, curves, roster, invitations, exceptions or similarity report, or
 * acts on B's tasks, students, exceptions or similarity flags, whatever cookie or id they send; a
 * co-instructor sees a course only once added, and then only as the current course; an
 * archived course refuses hand-ins, rule changes and regrades. Only the framework's request
 * scope is stood in for: the session (next-auth's getServerSession), the cookie jar
 * (next/headers) and the cache (next/cache).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const request = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; name: string; role: string },
  cookies: new Map<string, string>(),
}));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.user ? { user: request.user, expires: "2999-01-01T00:00:00.000Z" } : null),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void request.cookies.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const testDb = freshDatabase();
delete process.env.REDIS_URL; // the database queue: a hand-in is stored, nothing more
const { db } = await import("../../server/db");
const { registerStudent, upsertInstructor } = await import("../../server/accounts/register");
const { syncTasks } = await import("../../server/courses/sync-tasks");
const { CURRENT_COURSE_COOKIE } = await import("../../server/courses/current-course");
const { setCourseArchived } = await import("../../server/courses/archive");
const { createSubmission } = await import("../../server/submissions/create");
const { storeResult } = await import("../../server/submissions/store-result");
const { updateTaskSettings } = await import("../../server/instructor/task-settings");
const { regradeSubmission } = await import("../../server/instructor/regrade");
const { joinCourse } = await import("../../server/courses/join-course");
// Pages
const TasksPage = (await import("../../app/tasks/page")).default;
const CourseTaskPage = (await import("../../app/courses/[courseId]/tasks/[slug]/page")).default;
const CourseLeaderboardPage = (await import("../../app/courses/[courseId]/tasks/[slug]/leaderboard/page")).default;
const OldTaskPage = (await import("../../app/tasks/[slug]/page")).default;
const SubmissionPage = (await import("../../app/submissions/[id]/page")).default;
const InstructorHome = (await import("../../app/instructor/page")).default;
const GradebookPage = (await import("../../app/instructor/gradebook/page")).default;
const StudentPage = (await import("../../app/instructor/students/[id]/page")).default;
const InstructorTaskPage = (await import("../../app/instructor/tasks/[slug]/page")).default;
const CoursesPage = (await import("../../app/instructor/courses/page")).default;
const CourseSettingsPage = (await import("../../app/instructor/course/page")).default;
const RosterPage = (await import("../../app/instructor/roster/page")).default;
const InvitationPage = (await import("../../app/convite/[token]/page")).default;
const SimilarityPage = (await import("../../app/instructor/tasks/[slug]/similarity/page")).default;
const SimilarityPairPage = (await import("../../app/instructor/tasks/[slug]/similarity/[pairId]/page")).default;
// Route handlers
const submissionApi = await import("../../app/api/submissions/[id]/route");
const eventsApi = await import("../../app/api/submissions/[id]/events/route");
const handInApi = await import("../../app/api/submissions/route");
const gradebookApi = await import("../../app/api/instructor/gradebook/route");
const curvesApi = await import("../../app/api/instructor/curves/route");
const rosterPreviewApi = await import("../../app/api/instructor/roster/preview/route");
const rosterImportApi = await import("../../app/api/instructor/roster/import/route");
const rosterInvitationsApi = await import("../../app/api/instructor/roster/invitations/route");
const similarityApi = await import("../../app/api/instructor/similarity/[slug]/route");
const similarityCsvApi = await import("../../app/api/instructor/similarity/[slug]/csv/route");
// Server actions
const taskActions = await import("../../app/instructor/actions");
const courseActions = await import("../../app/instructor/courses/actions");
const { joinCourseAction } = await import("../../app/courses/actions");
const exceptionActions = await import("../../app/instructor/exception-actions");
const similarityActions = await import("../../app/instructor/tasks/[slug]/similarity/actions");
type GradeResult = import("../../grader/result").GradeResult;
type SessionUser = import("../../server/auth").SessionUser;

interface Side {
  courseId: string;
  joinCode: string;
  taskId: string;
  prof: SessionUser;
  student: SessionUser;
  submissionId: string;
}
let A: Side;
let B: Side;

/** Signs in as `user` with the current-course cookie naming `course` (or none). */
function as(user: SessionUser | null, course?: string) {
  request.user = user;
  request.cookies.clear();
  if (course) request.cookies.set(CURRENT_COURSE_COOKIE, course);
}

/**
 * A page's element tree as JSON-like text: elements' props and children, components by name
 * (`"type":"ArchivedBanner"`: they are not run here), dates as ISO strings; React's own
 * bookkeeping (`_owner`, `_store`...) and cycles left out.
 */
function serialize(value: unknown, ancestors: object[] = []): string {
  if (typeof value === "function") return JSON.stringify(value.name);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (ancestors.includes(value)) return '"[cycle]"';
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v, inner)).join(",")}]`;
  const entries = Object.entries(value).filter(([k, v]) => !k.startsWith("_") && v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v, inner)}`).join(",")}}`;
}

/** What a page rendered, as text to search (props and children; client components are not run), or how it ended. */
async function visit(page: Promise<unknown>): Promise<{ text: string } | { notFound: true } | { redirect: string }> {
  try {
    return { text: serialize(await page) };
  } catch (err) {
    const digest = String((err as { digest?: unknown }).digest ?? "");
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { notFound: true };
    if (digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
    throw err;
  }
}
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const text = (r: Awaited<ReturnType<typeof visit>>) => {
  if (!("text" in r)) throw new Error(`expected a page, got ${JSON.stringify(r)}`);
  return r.text;
};

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
/** A server action that may end in a redirect: its state, or where it redirected. */
async function act<S>(run: Promise<S>): Promise<S | { redirect: string }> {
  try {
    return await run;
  } catch (err) {
    const digest = String((err as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
    throw err;
  }
}

/** Stands in for the worker: a graded result with a leaderboard score and a loss curve. */
async function grade(submissionId: string, score: number) {
  const result = {
    task: "next-number", passed: true, score, maxScore: 10, checks: [], metrics: { testMse: 0.01 }, curves: { rnn: [{ epoch: 1, loss: 0.5, ms: 10 }] }, predictions: {}, models: {}, diagnostics: [],
    leaderboard: { metric: "mse", higherIsBetter: false, public: score / 100, private: score / 50 }, logs: { text: "", truncated: false },
    environment: { backend: "wasm", tfjsVersion: "4.22.0", nodeVersion: "v20", graderVersion: "0.1.0", isolation: [], unsafeNoIsolation: false, seed: 42, dataHash: null, codeHash: "x", profile: "quick", budget: null },
    timing: { totalMs: 1, phases: [] },
  } as unknown as GradeResult;
  await db.submission.update({ where: { id: submissionId }, data: { status: "running", workerId: "w" } });
  expect(await storeResult(submissionId, "w", result)).toBe(true);
}

const asUser = async (id: string): Promise<SessionUser> => {
  const u = await db.user.findUniqueOrThrow({ where: { id } });
  return { id: u.id, email: u.email, name: u.name, role: u.role === "instructor" ? "instructor" : "student" };
};

async function side(name: string, title: string, term: string, joinCode: string, score: number): Promise<Side> {
  const course = await db.course.findUniqueOrThrow({ where: { joinCode } });
  const prof = await asUser(await upsertInstructor({ name: `Prof ${name}`, email: `prof-${name}@x.org`, password: "password-1" }, { staffOf: [course.id] }));
  const r = await registerStudent({ name: `Aluno ${name}`, email: `aluno-${name}@x.org`, password: "password-1", joinCode });
  if (!r.ok) throw new Error("registration");
  const student = await asUser(r.userId);
  const task = await db.task.findUniqueOrThrow({ where: { courseId_slug: { courseId: course.id, slug: "next-number" } } });
  await db.task.update({ where: { id: task.id }, data: { leaderboardVisible: true } });
  const created = await createSubmission(student, task.id, new TextEncoder().encode(`export const course = "${title} ${term}";`), null);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  await grade(created.submissionId, score);
  return { courseId: course.id, joinCode, taskId: task.id, prof, student, submissionId: created.submissionId };
}

beforeAll(async () => {
  await db.course.create({ data: { slug: "a", title: "Curso A", term: "2026.1", joinCode: "JOIN-A" } });
  await db.course.create({ data: { slug: "b", title: "Curso B", term: "2026.2", joinCode: "JOIN-B" } });
  await syncTasks();
  A = await side("a", "Curso A", "2026.1", "JOIN-A", 7);
  B = await side("b", "Curso B", "2026.2", "JOIN-B", 9);
});

beforeEach(() => as(null));

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("a student of course A, by page", () => {
  it("sees A's tasks only, and none of B's pages, leaderboard or submissions", async () => {
    as(A.student);
    const list = text(await visit(TasksPage()));
    expect(list).toContain("Curso A");
    expect(list).toContain(`/courses/${A.courseId}/tasks/next-number`);
    expect(list).not.toContain("Curso B");
    expect(list).not.toContain(B.courseId);
    expect(await visit(CourseTaskPage(params({ courseId: B.courseId, slug: "next-number" })))).toEqual({ notFound: true });
    expect(await visit(CourseLeaderboardPage(params({ courseId: B.courseId, slug: "next-number" })))).toEqual({ notFound: true });
    expect(await visit(SubmissionPage(params({ id: B.submissionId })))).toEqual({ notFound: true });
    // An old link leads into A, the one course of theirs with the task.
    expect(await visit(OldTaskPage(params({ slug: "next-number" })))).toEqual({ redirect: `/courses/${A.courseId}/tasks/next-number` });
    // A's own leaderboard ranks A's students only.
    const board = text(await visit(CourseLeaderboardPage(params({ courseId: A.courseId, slug: "next-number" }))));
    expect(board).toContain("Aluno a");
    expect(board).not.toContain("Aluno b");
  });

  it("reaches no instructor page, whatever course cookie it sends", async () => {
    as(A.student, A.courseId);
    for (const page of [InstructorHome(), GradebookPage(), CoursesPage(), CourseSettingsPage(), InstructorTaskPage(params({ slug: "next-number" })), StudentPage(params({ id: A.student.id }))]) {
      const t = text(await visit(page));
      expect(t).toContain('"role":"alert"');
      expect(t).not.toContain("Aluno");
      expect(t).not.toContain("JOIN-A");
    }
  });
});

describe("a student of course A, by API", () => {
  it("gets 404 for B's submission and its live feed, and cannot hand in to B's task", async () => {
    as(A.student);
    expect((await submissionApi.GET(new Request("http://x/"), params({ id: B.submissionId }))).status).toBe(404);
    expect((await eventsApi.GET(new Request("http://x/"), params({ id: B.submissionId }))).status).toBe(404);
    const body = new FormData();
    body.set("taskId", B.taskId);
    body.set("code", "export const x = 1;");
    const res = await handInApi.POST(new Request("http://x/api/submissions", { method: "POST", body }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: "task.notEnrolled" } });
    expect(await db.submission.count({ where: { taskId: B.taskId } })).toBe(1);
  });

  it("gets 403 from the instructor APIs", async () => {
    as(A.student, A.courseId);
    expect((await gradebookApi.GET(new Request("http://x/api/instructor/gradebook"))).status).toBe(403);
    expect((await curvesApi.GET(new Request(`http://x/api/instructor/curves?taskId=${A.taskId}&student=${A.student.id}`))).status).toBe(403);
  });
});

describe("a student of course A, by server action", () => {
  it("changes nothing of B's (nor A's) rules, grades or course", async () => {
    as(A.student, B.courseId);
    const before = await db.task.findUniqueOrThrow({ where: { id: B.taskId } });
    expect(await taskActions.saveTaskSettings(null, form({ taskId: B.taskId, policy: "last", lateCreditPercent: "10" }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await taskActions.saveTaskSettings(null, form({ taskId: A.taskId, policy: "last", lateCreditPercent: "10" }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await taskActions.regradeAll(null, form({ taskId: B.taskId }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await taskActions.regradeOne(null, form({ submissionId: B.submissionId, recordedSeed: "0" }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await taskActions.regradeOne(null, form({ submissionId: A.submissionId, recordedSeed: "0" }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await courseActions.setArchivedAction(null, form({ courseId: B.courseId, archived: "1" }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await courseActions.regenerateJoinCodeAction(null, form({ courseId: B.courseId }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await courseActions.addCoInstructorAction(null, form({ courseId: B.courseId, email: A.student.email }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await act(courseActions.createCourseAction(null, form({ title: "Minha", term: "2026.2", cloneFrom: B.courseId })))).toMatchObject({ ok: false, message: "forbidden" });
    // Switching to B as a student sets no cookie and leads nowhere but the overview's refusal.
    request.cookies.clear();
    expect(await act(courseActions.switchCourse(form({ courseId: B.courseId, next: "/instructor/gradebook" })))).toEqual({ redirect: "/instructor" });
    expect(request.cookies.size).toBe(0);
    const after = await db.task.findUniqueOrThrow({ where: { id: B.taskId } });
    expect(after).toEqual(before);
    expect(await db.submission.findUniqueOrThrow({ where: { id: B.submissionId } })).toMatchObject({ status: "graded" });
    expect(await db.course.findUniqueOrThrow({ where: { id: B.courseId } })).toMatchObject({ joinCode: "JOIN-B", archivedAt: null });
  });
});

describe("the instructor of course A, by page", () => {
  it("sees A's students, grades and submissions only, even with a cookie naming B", async () => {
    for (const cookie of [undefined, A.courseId, B.courseId, "forged"]) {
      as(A.prof, cookie);
      const home = text(await visit(InstructorHome()));
      expect(home).toContain("Curso A");
      expect(home).toContain("JOIN-A");
      expect(home).not.toContain("JOIN-B");
      const book = text(await visit(GradebookPage()));
      expect(book).toContain("Aluno a");
      expect(book).not.toContain("Aluno b");
      expect(book).not.toContain(B.submissionId);
      const task = text(await visit(InstructorTaskPage(params({ slug: "next-number" }))));
      expect(task).toContain(A.taskId);
      expect(task).not.toContain(B.taskId);
      expect(task).toContain(A.submissionId);
      expect(task).not.toContain(B.submissionId);
      expect(task).not.toContain("Aluno b");
      const settings = text(await visit(CourseSettingsPage()));
      expect(settings).toContain("prof-a@x.org");
      expect(settings).not.toContain("prof-b@x.org");
      const courses = text(await visit(CoursesPage()));
      expect(courses).toContain("Curso A");
      expect(courses).not.toContain("Curso B");
    }
  });

  it("finds neither B's students nor B's submissions, task pages or leaderboard", async () => {
    as(A.prof, B.courseId);
    expect(await visit(StudentPage(params({ id: B.student.id })))).toEqual({ notFound: true });
    expect(text(await visit(StudentPage(params({ id: A.student.id }))))).toContain(A.submissionId);
    expect(await visit(SubmissionPage(params({ id: B.submissionId })))).toEqual({ notFound: true });
    expect(await visit(CourseTaskPage(params({ courseId: B.courseId, slug: "next-number" })))).toEqual({ notFound: true });
    expect(await visit(CourseLeaderboardPage(params({ courseId: B.courseId, slug: "next-number" })))).toEqual({ notFound: true });
    expect(text(await visit(SubmissionPage(params({ id: A.submissionId }))))).toContain("Aluno a");
  });
});

describe("the instructor of course A, by API", () => {
  it("exports A's gradebook, named after A and its term, and refuses a link made for B", async () => {
    as(A.prof, B.courseId);
    const res = await gradebookApi.GET(new Request("http://x/api/instructor/gradebook"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="treino-curso-a-2026-1-notas.csv"');
    const csv = await res.text();
    expect(csv).toContain("aluno-a@x.org");
    expect(csv).not.toContain("aluno-b@x.org");
    expect((await gradebookApi.GET(new Request(`http://x/api/instructor/gradebook?course=${B.courseId}`))).status).toBe(409);
    expect((await gradebookApi.GET(new Request(`http://x/api/instructor/gradebook?format=br&course=${A.courseId}`))).headers.get("content-disposition")).toContain("treino-curso-a-2026-1-notas-planilha-br.csv");
  });

  it("gets no curve of B's task or B's student, and 404 for B's submission", async () => {
    as(A.prof, B.courseId);
    expect((await curvesApi.GET(new Request(`http://x/api/instructor/curves?taskId=${B.taskId}&student=${B.student.id}`))).status).toBe(404);
    // A's own task asked for B's student: nothing of B's submission there.
    const res = await curvesApi.GET(new Request(`http://x/api/instructor/curves?taskId=${A.taskId}&student=${B.student.id}`));
    expect(await res.json()).toEqual({ curves: null, reason: "noGraded" });
    const own = await curvesApi.GET(new Request(`http://x/api/instructor/curves?taskId=${A.taskId}&student=${A.student.id}`));
    expect(await own.json()).toMatchObject({ submissionId: A.submissionId });
    expect((await submissionApi.GET(new Request("http://x/"), params({ id: B.submissionId }))).status).toBe(404);
    expect((await eventsApi.GET(new Request("http://x/"), params({ id: B.submissionId }))).status).toBe(404);
  });
});

describe("the instructor of course A, by server action", () => {
  it("cannot change B's rules, regrade B's work, or touch B's course", async () => {
    as(A.prof, B.courseId);
    const before = await db.task.findUniqueOrThrow({ where: { id: B.taskId } });
    const settings = { taskId: B.taskId, opensAt: "", dueAt: "", lateUntil: "", lateCreditPercent: "10", maxPerDay: "1", policy: "last", runs: "", maxEpochs: "" };
    expect(await taskActions.saveTaskSettings(null, form(settings))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await taskActions.regradeAll(null, form({ taskId: B.taskId }))).toMatchObject({ ok: false, message: "forbidden" });
    expect(await taskActions.regradeOne(null, form({ submissionId: B.submissionId, recordedSeed: "1" }))).toMatchObject({ ok: false, message: "forbidden" });
    // Course actions work on the current course (A), and one made for B is refused.
    expect(await courseActions.setArchivedAction(null, form({ courseId: B.courseId, archived: "1" }))).toMatchObject({ ok: false, message: "courseChanged" });
    expect(await courseActions.regenerateJoinCodeAction(null, form({ courseId: B.courseId }))).toMatchObject({ ok: false, message: "courseChanged" });
    expect(await courseActions.addCoInstructorAction(null, form({ courseId: B.courseId, email: A.prof.email }))).toMatchObject({ ok: false, message: "courseChanged" });
    expect(await courseActions.removeCoInstructorAction(null, form({ courseId: B.courseId, userId: B.prof.id }))).toMatchObject({ ok: false, message: "courseChanged" });
    expect(await act(courseActions.createCourseAction(null, form({ title: "Cópia", term: "2027.1", cloneFrom: B.courseId })))).toMatchObject({ ok: false, message: "sourceNotFound" });
    expect(await act(courseActions.switchCourse(form({ courseId: B.courseId, next: "/instructor/gradebook" })))).toEqual({ redirect: "/instructor" });
    expect(request.cookies.get(CURRENT_COURSE_COOKIE)).toBe(B.courseId); // untouched: still the forged value, still ignored
    expect(await db.task.findUniqueOrThrow({ where: { id: B.taskId } })).toEqual(before);
    expect(await db.submission.findUniqueOrThrow({ where: { id: B.submissionId } })).toMatchObject({ status: "graded" });
    expect(await db.course.findUniqueOrThrow({ where: { id: B.courseId } })).toMatchObject({ joinCode: "JOIN-B", archivedAt: null });
    expect(await db.enrollment.count({ where: { courseId: B.courseId, role: "instructor" } })).toBe(1);
  });

  it("changes A's own rules through the same action", async () => {
    as(A.prof);
    const saved = await taskActions.saveTaskSettings(null, form({ taskId: A.taskId, opensAt: "", dueAt: "", lateUntil: "", lateCreditPercent: "80", maxPerDay: "5", policy: "best", runs: "", maxEpochs: "" }));
    expect(saved).toMatchObject({ ok: true, message: "saved" });
    expect(await db.task.findUniqueOrThrow({ where: { id: A.taskId } })).toMatchObject({ lateCredit: 0.8, maxPerDay: 5 });
  });
});

/** A roster file (UTF-8) for the roster routes, sent as the roster page sends it. */
function rosterRequest(route: "preview" | "import", lines: string[], courseId?: string) {
  const body = new FormData();
  body.append("file", new Blob([["Nome;E-mail", ...lines].join("\r\n")], { type: "text/csv" }), "turma.csv");
  if (courseId) body.append("courseId", courseId);
  return new Request(`http://x/api/instructor/roster/${route}`, { method: "POST", body });
}
const reissueRequest = (userId: string, courseId: string) =>
  new Request("http://x/api/instructor/roster/invitations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, courseId }) });

describe("rosters, invitations and exceptions across courses", () => {
  /** A's own: a student invited with A's roster (no password yet), her link, and an exception of A's student on A's task. */
  let invited: { id: string; token: string };
  let exceptionId: string;
  const dueAt = new Date(Date.now() + 30 * 24 * 3600_000);

  beforeAll(async () => {
    as(A.prof);
    const imported = await rosterImportApi.POST(rosterRequest("import", ["Convidada A;convidada-a@x.org"], A.courseId));
    expect(imported.status).toBe(201);
    const body = await imported.json();
    const link: string = body.invited[0].link;
    invited = { id: body.invited[0].userId, token: link.slice(link.lastIndexOf("/") + 1) };
    await db.task.update({ where: { id: A.taskId }, data: { dueAt } });
    const granted = await exceptionActions.grantExceptionAction(null, form({ taskId: A.taskId, userId: A.student.id, dueAt: new Date(dueAt.getTime() + 48 * 3600_000).toISOString(), lateUntil: "", extraAttempts: "", lateCreditPercent: "" }));
    expect(granted).toMatchObject({ ok: true, message: "granted" });
    exceptionId = (await db.taskException.findFirstOrThrow({ where: { taskId: A.taskId, userId: A.student.id } })).id;
  });

  afterAll(async () => {
    await db.task.update({ where: { id: A.taskId }, data: { dueAt: null } });
    await db.taskException.deleteMany({});
  });

  /** Nothing of A's roster, invitations or exceptions has changed. */
  async function aUntouched() {
    expect(await db.enrollment.count({ where: { courseId: A.courseId } })).toBe(3); // Prof a, Aluno a, Convidada A, and nobody else
    expect(await db.invitation.count({ where: { courseId: A.courseId } })).toBe(1);
    expect(await db.invitation.count({ where: { userId: invited.id, revokedAt: null, usedAt: null } })).toBe(1);
    expect(await db.taskException.findMany({ where: { task: { courseId: A.courseId } }, select: { id: true, revokedAt: true } })).toEqual([{ id: exceptionId, revokedAt: null }]);
  }

  it("A's instructor sees A's roster and exceptions on A's pages", async () => {
    as(A.prof);
    const roster = text(await visit(RosterPage()));
    expect(roster).toContain("convidada-a@x.org");
    expect(roster).toContain(A.courseId);
    const task = text(await visit(InstructorTaskPage(params({ slug: "next-number" }))));
    expect(task).toContain(exceptionId);
    expect(text(await visit(StudentPage(params({ id: A.student.id }))))).toContain(exceptionId);
  });

  it("B's instructor sees none of A's roster, invitations or exceptions, by page, whatever cookie it sends", async () => {
    for (const cookie of [undefined, A.courseId, B.courseId, "forged"]) {
      as(B.prof, cookie);
      const roster = text(await visit(RosterPage()));
      expect(roster).toContain("aluno-b@x.org");
      expect(roster).not.toContain("convidada-a@x.org");
      expect(roster).not.toContain("aluno-a@x.org");
      expect(roster).not.toContain(A.courseId);
      const task = text(await visit(InstructorTaskPage(params({ slug: "next-number" }))));
      expect(task).not.toContain(exceptionId);
      expect(task).not.toContain(A.taskId);
      expect(task).not.toContain("Aluno a");
      expect(await visit(StudentPage(params({ id: A.student.id })))).toEqual({ notFound: true });
      expect(await visit(StudentPage(params({ id: invited.id })))).toEqual({ notFound: true });
    }
  });

  it("B's instructor cannot preview into, import into or issue links for A, by route handler", async () => {
    as(B.prof, A.courseId);
    // A page shown for A (or a cookie naming it) gets B's instructor nowhere in A.
    expect((await rosterImportApi.POST(rosterRequest("import", ["Intrusa;intrusa@x.org"], A.courseId))).status).toBe(409);
    expect((await rosterPreviewApi.POST(rosterRequest("preview", ["Intrusa;intrusa@x.org"], A.courseId))).status).toBe(409);
    const reissueA = await rosterInvitationsApi.POST(reissueRequest(invited.id, A.courseId));
    expect(reissueA.status).toBe(409);
    // Through B's own page: A's invited student is nobody of B's.
    const reissueB = await rosterInvitationsApi.POST(reissueRequest(invited.id, B.courseId));
    expect(reissueB.status).toBe(403);
    expect(await reissueB.json()).toEqual({ ok: false, error: "forbidden" });
    // B's own preview says nothing of A's students but what any existing account says.
    const preview = await (await rosterPreviewApi.POST(rosterRequest("preview", ["Convidada;convidada-a@x.org"], B.courseId))).json();
    expect(JSON.stringify(preview)).not.toContain(A.courseId);
    expect(await db.user.count({ where: { email: "intrusa@x.org" } })).toBe(0);
    await aUntouched();
  });

  it("B's instructor cannot grant or revoke A's exceptions, by server action", async () => {
    for (const cookie of [undefined, A.courseId]) {
      as(B.prof, cookie);
      const grant = { taskId: A.taskId, userId: A.student.id, dueAt: new Date(dueAt.getTime() + 96 * 3600_000).toISOString(), lateUntil: "", extraAttempts: "", lateCreditPercent: "" };
      expect(await exceptionActions.grantExceptionAction(null, form(grant))).toMatchObject({ ok: false, message: "forbidden" });
      // B's own task, for A's student: not B's student.
      expect(await exceptionActions.grantExceptionAction(null, form({ ...grant, taskId: B.taskId }))).toMatchObject({ ok: false, message: "forbidden" });
      expect(await exceptionActions.revokeExceptionAction(null, form({ exceptionId }))).toMatchObject({ ok: false, message: "forbidden" });
    }
    expect(await db.taskException.count({ where: { task: { courseId: B.courseId } } })).toBe(0);
    await aUntouched();
  });

  it("a student sees no roster, invitation or exception list, and changes none, whatever cookie it sends", async () => {
    for (const student of [A.student, B.student]) {
      as(student, A.courseId);
      const roster = text(await visit(RosterPage()));
      expect(roster).toContain('"role":"alert"');
      expect(roster).not.toContain("convidada-a@x.org");
      for (const page of [InstructorTaskPage(params({ slug: "next-number" })), StudentPage(params({ id: A.student.id }))]) {
        const t = text(await visit(page));
        expect(t).toContain('"role":"alert"');
        expect(t).not.toContain(exceptionId);
      }
      expect((await rosterPreviewApi.POST(rosterRequest("preview", ["X;x@x.org"], A.courseId))).status).toBe(403);
      expect((await rosterImportApi.POST(rosterRequest("import", ["X;x@x.org"], A.courseId))).status).toBe(403);
      expect((await rosterInvitationsApi.POST(reissueRequest(invited.id, A.courseId))).status).toBe(403);
      const grant = { taskId: A.taskId, userId: student.id, dueAt: new Date(dueAt.getTime() + 96 * 3600_000).toISOString(), lateUntil: "", extraAttempts: "", lateCreditPercent: "" };
      expect(await exceptionActions.grantExceptionAction(null, form(grant))).toMatchObject({ ok: false, message: "forbidden" });
      expect(await exceptionActions.revokeExceptionAction(null, form({ exceptionId }))).toMatchObject({ ok: false, message: "forbidden" });
    }
    // A's student sees their own extension on their task page, and nothing of who granted it or of anyone else's.
    as(A.student);
    const own = text(await visit(CourseTaskPage(params({ courseId: A.courseId, slug: "next-number" }))));
    expect(own).toContain('"data-testid":"extended-due"');
    expect(own).not.toContain(exceptionId);
    expect(own).not.toContain("Prof a");
    // B's student sees no extension on A's task (it is not theirs to open) nor on B's.
    as(B.student);
    expect(await visit(CourseTaskPage(params({ courseId: A.courseId, slug: "next-number" })))).toEqual({ notFound: true });
    expect(text(await visit(CourseTaskPage(params({ courseId: B.courseId, slug: "next-number" }))))).not.toContain("extended-due");
    await aUntouched();
  });

  it("the invited student's link opens their own page only, and joins them to A alone", async () => {
    as(null);
    const page = text(await visit(InvitationPage(params({ token: invited.token }))));
    expect(page).toContain("convidada-a@x.org");
    expect(page).not.toContain("aluno-a@x.org");
    const memberships = await db.enrollment.findMany({ where: { userId: invited.id }, select: { courseId: true, role: true } });
    expect(memberships).toEqual([{ courseId: A.courseId, role: "student" }]);
  });
});

describe("the similarity report across courses", () => {
  /** A's report on next-number: a stored pair (Aluno a and a classmate), flagged with a note, and A's template code. */
  let pairId: string;
  const NOTE = "NOTA-SO-DOCENTES-A";
  const TEMPLATE = "export const TEMPLATE_A = 1;";

  beforeAll(async () => {
    const r = await registerStudent({ name: "Colega a", email: "colega-a@x.org", password: "password-1", joinCode: "JOIN-A" });
    if (!r.ok) throw new Error("registration");
    const colega = await asUser(r.userId);
    const created = await createSubmission(colega, A.taskId, new TextEncoder().encode('export const course = "Curso A 2026.1";'), null);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    // A stored analysis, as the runner leaves it (no Dolos run needed to test who reads it).
    const analysis = await db.similarityAnalysis.create({
      data: { taskId: A.taskId, mode: "counting", status: "done", requestedSignature: "s", resultSignature: "s", resultBatch: "b", fileCount: 2, pairCount: 1, storedPairs: 1, finishedAt: new Date(), durationMs: 10 },
    });
    pairId = (await db.similarityPair.create({
      data: { analysisId: analysis.id, batch: "b", leftSubmissionId: A.submissionId, rightSubmissionId: created.submissionId, leftUserId: A.student.id, rightUserId: colega.id, similarity: 0.97, longest: 40, leftCovered: 11, rightCovered: 11, leftTotal: 12, rightTotal: 12 },
    })).id;
    const [a, b] = [A.student.id, colega.id].sort();
    await db.similarityFlag.create({ data: { taskId: A.taskId, studentAId: a, studentBId: b, status: "suspicious", note: NOTE, byUserId: A.prof.id } });
    await db.similarityTemplate.create({ data: { taskId: A.taskId, code: TEMPLATE, updatedById: A.prof.id } });
  });

  const reportPage = () => SimilarityPage({ params: Promise.resolve({ slug: "next-number" }), searchParams: Promise.resolve({ min: "0" }) });
  const pairPage = (id = pairId) => SimilarityPairPage({ params: Promise.resolve({ slug: "next-number", pairId: id }) });
  const status = (query = "") => similarityApi.GET(new Request(`http://x/api/instructor/similarity/next-number?mode=counting${query}`), params({ slug: "next-number" }));
  const csv = (query = "") => similarityCsvApi.GET(new Request(`http://x/api/instructor/similarity/next-number/csv?mode=counting&min=0${query}`), params({ slug: "next-number" }));
  /** A's flags and template, as they were. */
  async function aUntouched() {
    expect(await db.similarityFlag.findMany({ where: { taskId: A.taskId }, select: { note: true } })).toEqual([{ note: NOTE }]);
    expect(await db.similarityTemplate.findMany({ where: { taskId: A.taskId }, select: { code: true } })).toEqual([{ code: TEMPLATE }]);
    expect(await db.similarityFlag.count({ where: { taskId: B.taskId } })).toBe(0);
    expect(await db.similarityTemplate.count({ where: { taskId: B.taskId } })).toBe(0);
  }

  it("A's instructor reads A's report, pair, flag and CSV", async () => {
    as(A.prof);
    const page = text(await visit(reportPage()));
    expect(page).toContain(pairId);
    expect(page).toContain(TEMPLATE);
    expect(text(await visit(pairPage()))).toContain(NOTE);
    const res = await csv(`&task=${A.taskId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="treino-curso-a-2026-1-next-number-similaridade.csv"');
    expect(await res.text()).toContain(NOTE);
  });

  it("B's instructor gets B's own report, never A's: page, pair page, routes, whatever cookie it sends", async () => {
    for (const cookie of [undefined, A.courseId, B.courseId, "forged"]) {
      as(B.prof, cookie);
      const page = text(await visit(reportPage()));
      expect(page).toContain(B.taskId);
      expect(page).not.toContain(A.taskId);
      expect(page).not.toContain(pairId);
      expect(page).not.toContain(NOTE);
      expect(page).not.toContain(TEMPLATE);
      expect(await visit(pairPage())).toEqual({ notFound: true });
      const own = await status();
      expect(own.status).toBe(200);
      expect((await own.json()).id).not.toBe((await db.similarityAnalysis.findFirstOrThrow({ where: { taskId: A.taskId } })).id);
      // A link or a poll made for A's task is refused, not answered with B's.
      expect((await status(`&task=${A.taskId}`)).status).toBe(409);
      expect((await csv(`&task=${A.taskId}`)).status).toBe(409);
      const ownCsv = await csv();
      expect(ownCsv.headers.get("content-disposition")).toContain("treino-curso-b-2026-2-next-number-similaridade");
      const body = await ownCsv.text();
      expect(body).not.toContain(NOTE);
      expect(body).not.toContain("aluno-a@x.org");
    }
    expect(await db.similarityAnalysis.count({ where: { taskId: A.taskId } })).toBe(1);
  });

  it("B's instructor cannot flag A's pairs, change A's template or rerun A's analysis, by server action", async () => {
    for (const cookie of [undefined, A.courseId]) {
      as(B.prof, cookie);
      expect(await similarityActions.saveFlag(null, form({ taskId: A.taskId, pairId, status: "cleared", note: "" }))).toEqual({ ok: false, message: "notFound" });
      // A's pair under B's own task: not one of B's pairs.
      expect(await similarityActions.saveFlag(null, form({ taskId: B.taskId, pairId, status: "cleared", note: "" }))).toEqual({ ok: false, message: "notFound" });
      expect(await similarityActions.saveTemplate(null, form({ taskId: A.taskId, code: "" }))).toEqual({ ok: false, message: "notFound" });
      expect(await similarityActions.retryAnalysis(null, form({ taskId: A.taskId, mode: "counting" }))).toEqual({ ok: false, message: "notFound" });
    }
    await aUntouched();
  });

  it("a student reaches none of it: 404 by page and route, nothing by action, whatever cookie it sends", async () => {
    for (const student of [A.student, B.student]) {
      for (const cookie of [undefined, A.courseId]) {
        as(student, cookie);
        expect(await visit(reportPage())).toEqual({ notFound: true });
        expect(await visit(pairPage())).toEqual({ notFound: true });
        expect((await status()).status).toBe(404);
        expect((await status(`&task=${A.taskId}`)).status).toBe(404);
        expect((await csv()).status).toBe(404);
        expect(await similarityActions.saveFlag(null, form({ taskId: A.taskId, pairId, status: "cleared", note: "" }))).toEqual({ ok: false, message: "notFound" });
        expect(await similarityActions.saveTemplate(null, form({ taskId: A.taskId, code: "" }))).toEqual({ ok: false, message: "notFound" });
        expect(await similarityActions.retryAnalysis(null, form({ taskId: A.taskId, mode: "counting" }))).toEqual({ ok: false, message: "notFound" });
      }
    }
    // Nor does A's student's own submission show anything of the report.
    as(A.student);
    const own = await submissionApi.GET(new Request("http://x/"), params({ id: A.submissionId }));
    expect(await own.text()).not.toContain(NOTE);
    expect(text(await visit(SubmissionPage(params({ id: A.submissionId }))))).not.toContain(NOTE);
    await aUntouched();
  });
});

describe("a co-instructor", () => {
  it("sees a course once added, as the current course only, and is refused a form shown for another course", async () => {
    as(B.prof, A.courseId);
    expect(text(await visit(GradebookPage()))).not.toContain("Aluno a");
    as(A.prof);
    expect(await courseActions.addCoInstructorAction(null, form({ courseId: A.courseId, email: "prof-b@x.org" }))).toMatchObject({ ok: true, name: "Prof b" });

    // B's instructor now works on A when A is current, and on B otherwise: never both at once.
    as(B.prof, A.courseId);
    const inA = text(await visit(GradebookPage()));
    expect(inA).toContain("Aluno a");
    expect(inA).not.toContain("Aluno b");
    as(B.prof, B.courseId);
    const inB = text(await visit(GradebookPage()));
    expect(inB).toContain("Aluno b");
    expect(inB).not.toContain("Aluno a");
    // A's submission page is theirs to see now, and its way back leads to A's own task page
    // (B is current: instructor pages show B).
    const sub = text(await visit(SubmissionPage(params({ id: A.submissionId }))));
    expect(sub).toContain(`/courses/${A.courseId}/tasks/next-number`);
    // A form shown for A's task, sent after switching to B in another tab: refused, not applied to B.
    const beforeA = await db.task.findUniqueOrThrow({ where: { id: A.taskId } });
    const beforeB = await db.task.findUniqueOrThrow({ where: { id: B.taskId } });
    expect(await taskActions.saveTaskSettings(null, form({ taskId: A.taskId, lateCreditPercent: "5", policy: "last" }))).toMatchObject({ ok: false, message: "courseChanged" });
    expect(await db.task.findUniqueOrThrow({ where: { id: A.taskId } })).toEqual(beforeA);
    expect(await db.task.findUniqueOrThrow({ where: { id: B.taskId } })).toEqual(beforeB);
    expect((await curvesApi.GET(new Request(`http://x/api/instructor/curves?taskId=${A.taskId}&student=${A.student.id}`))).status).toBe(409);
    // So are A's exception and roster forms: refused, and nothing granted or imported in B either.
    const exception = { taskId: A.taskId, userId: A.student.id, dueAt: "", lateUntil: "", extraAttempts: "", lateCreditPercent: "50" };
    expect(await exceptionActions.grantExceptionAction(null, form(exception))).toMatchObject({ ok: false, message: "courseChanged" });
    const imported = await rosterImportApi.POST(rosterRequest("import", ["Nova;nova@x.org"], A.courseId));
    expect(imported.status).toBe(409);
    expect(await imported.json()).toEqual({ ok: false, error: { code: "roster.courseChanged" } });
    expect(await db.taskException.count()).toBe(0);
    expect(await db.user.count({ where: { email: "nova@x.org" } })).toBe(0);
    expect(await similarityActions.saveTemplate(null, form({ taskId: A.taskId, code: "" }))).toEqual({ ok: false, message: "courseChanged" });
    expect((await similarityApi.GET(new Request(`http://x/api/instructor/similarity/next-number?task=${A.taskId}`), params({ slug: "next-number" }))).status).toBe(409);
    expect(await db.similarityTemplate.count({ where: { taskId: A.taskId } })).toBe(1);
    // Switching is theirs to do now.
    expect(await act(courseActions.switchCourse(form({ courseId: A.courseId, next: "/instructor/gradebook" })))).toEqual({ redirect: "/instructor/gradebook" });
    expect(request.cookies.get(CURRENT_COURSE_COOKIE)).toBe(A.courseId);
    // And removed again, they lose it.
    as(A.prof);
    expect(await courseActions.removeCoInstructorAction(null, form({ courseId: A.courseId, userId: B.prof.id }))).toMatchObject({ ok: true });
    as(B.prof, A.courseId);
    expect(text(await visit(GradebookPage()))).not.toContain("Aluno a");
    expect(await visit(SubmissionPage(params({ id: A.submissionId })))).toEqual({ notFound: true });
  });
});

describe("an archived course", () => {
  it("refuses hand-ins (page, API, domain), rule changes and regrades, and keeps its data readable", async () => {
    as(A.prof);
    expect(await courseActions.setArchivedAction(null, form({ courseId: A.courseId, archived: "1" }))).toMatchObject({ ok: true });
    const submissions = await db.submission.count({ where: { taskId: A.taskId } });
    const rules = await db.task.findUniqueOrThrow({ where: { id: A.taskId } });

    // The student: the task page says why, the API refuses, nothing is stored.
    as(A.student);
    expect(text(await visit(CourseTaskPage(params({ courseId: A.courseId, slug: "next-number" }))))).toContain('"refusal":{"code":"course.archived"}');
    const body = new FormData();
    body.set("taskId", A.taskId);
    body.set("code", "export const x = 2;");
    const res = await handInApi.POST(new Request("http://x/api/submissions", { method: "POST", body }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: "course.archived" } });
    expect(await createSubmission(A.student, A.taskId, new TextEncoder().encode("export {}"), null)).toEqual({ ok: false, error: { code: "course.archived" } });
    expect(await db.submission.count({ where: { taskId: A.taskId } })).toBe(submissions);
    expect(text(await visit(TasksPage()))).toContain("Turma arquivada: não aceita mais envios.");
    // Nor does it take new students.
    as(B.student);
    expect(await joinCourseAction(null, form({ joinCode: "join-a" }))).toEqual({ ok: false, error: "courseArchived" });

    // The instructor: rules, regrades and the join code are frozen; the grades stay readable.
    as(A.prof);
    expect(await taskActions.saveTaskSettings(null, form({ taskId: A.taskId, opensAt: "", dueAt: "", lateUntil: "", lateCreditPercent: "10", maxPerDay: "", policy: "last", runs: "", maxEpochs: "" }))).toMatchObject({ ok: false, message: "course.archived" });
    expect(await updateTaskSettings(A.taskId, { opensAt: "", dueAt: "", lateUntil: "", lateCreditPercent: "10", maxPerDay: "", policy: "last", leaderboardVisible: false, maxEpochs: "" })).toEqual({ ok: false, code: "course.archived" });
    expect(await taskActions.regradeAll(null, form({ taskId: A.taskId }))).toMatchObject({ ok: false, message: "course.archived" });
    expect(await taskActions.regradeOne(null, form({ submissionId: A.submissionId, recordedSeed: "0" }))).toMatchObject({ ok: false, message: "course.archived" });
    expect(await regradeSubmission(A.submissionId, { recordedSeed: false })).toBe(false);
    expect(await courseActions.regenerateJoinCodeAction(null, form({ courseId: A.courseId }))).toMatchObject({ ok: false, message: "course.archived" });
    // No roster import and no exception either; the roster stays readable, without its import form.
    const imported = await rosterImportApi.POST(rosterRequest("import", ["Tardia;tardia@x.org"], A.courseId));
    expect(imported.status).toBe(409);
    expect(await imported.json()).toEqual({ ok: false, error: { code: "course.archived" } });
    expect(await db.user.count({ where: { email: "tardia@x.org" } })).toBe(0);
    const exception = { taskId: A.taskId, userId: A.student.id, dueAt: "", lateUntil: "", extraAttempts: "", lateCreditPercent: "50" };
    expect(await exceptionActions.grantExceptionAction(null, form(exception))).toMatchObject({ ok: false, message: "course.archived" });
    expect(await db.taskException.count({ where: { taskId: A.taskId, revokedAt: null } })).toBe(0);
    const roster = text(await visit(RosterPage()));
    expect(roster).toContain("aluno-a@x.org");
    expect(roster).not.toContain('"type":"RosterImport"');
    expect(roster).toContain('"readOnly":true');
    expect(await db.task.findUniqueOrThrow({ where: { id: A.taskId } })).toEqual(rules);
    expect(await db.submission.findUniqueOrThrow({ where: { id: A.submissionId } })).toMatchObject({ status: "graded" });
    const book = text(await visit(GradebookPage()));
    expect(book).toContain("Aluno a");
    expect(book).toMatch(/"type":"ArchivedBanner","key":null,"props":\{[^}]*"archivedAt":"\d{4}-/);
    expect((await gradebookApi.GET(new Request("http://x/api/instructor/gradebook"))).status).toBe(200);
    // The task page shows the rules, read-only, with no regrade button.
    const taskPage = text(await visit(InstructorTaskPage(params({ slug: "next-number" }))));
    expect(taskPage).toContain('"readOnly":true');
    expect(taskPage).not.toContain('"type":"RegradeAllButton"');

    // Unarchived, it takes hand-ins again.
    expect(await courseActions.setArchivedAction(null, form({ courseId: A.courseId, archived: "0" }))).toMatchObject({ ok: true });
    expect((await createSubmission(A.student, A.taskId, new TextEncoder().encode("export {}"), null)).ok).toBe(true);
    // B was never touched.
    expect(await db.course.findUniqueOrThrow({ where: { id: B.courseId } })).toMatchObject({ archivedAt: null });
    expect(await joinCourse(B.student, { joinCode: "JOIN-A" })).toMatchObject({ ok: true });
  });

  it("is archived by its own instructors only", async () => {
    expect(await setCourseArchived(A.prof, B.courseId, true)).toEqual({ ok: false, error: "forbidden" });
    expect(await db.course.findUniqueOrThrow({ where: { id: B.courseId } })).toMatchObject({ archivedAt: null });
  });
});
