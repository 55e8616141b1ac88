/**
 * The similarity report against a real SQLite file and real Dolos: who reaches it (the real
 * route handlers and pages; only next-auth's session lookup and the request's cookies are
 * stood in for), the runner
 * computing analyses in the background, the cache kept until a new submission or a new
 * template, flags with who and when, and the CSV's formula guard.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: string }, course: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user, expires: "2999-01-01T00:00:00.000Z" } : null),
}));
// The current course's cookie: none unless a test sets one (an instructor's oldest active course is current).
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (name === "treino-course" && session.course ? { name, value: session.course } : undefined) }) }));
// Pages read the language from a cookie, which needs a request: pt-BR here.
vi.mock("@/i18n/locale", async () => {
  const { dictionary } = await import("../../i18n/dictionary");
  return { getLocale: async () => "pt-BR", getDictionary: async () => ({ locale: "pt-BR", t: dictionary("pt-BR") }) };
});

const testDb = freshDatabase();
delete process.env.REDIS_URL; // the database queue: handing in only stores the submission
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { registerStudent } = await import("../../server/accounts/register");
const { syncTasks } = await import("../../server/courses/sync-tasks");
const { createSubmission } = await import("../../server/submissions/create");
const { storeResult } = await import("../../server/submissions/store-result");
const { ensureAnalysis, analysisView, claimAnalysis, reclaimStaleAnalyses, STALE_AFTER_MS } = await import("../../server/similarity/analysis-jobs");
const { runAnalysis } = await import("../../server/similarity/run-analysis");
const { SimilarityRunner } = await import("../../server/similarity/runner");
const { similarityReport, pairDetail } = await import("../../server/similarity/report");
const { flagPair, currentFlags, pairKey } = await import("../../server/similarity/flags");
const { saveInstructorTemplate } = await import("../../server/similarity/template");
const { similarityCsv } = await import("../../server/similarity/csv");
const { chooseSubmissions } = await import("../../server/similarity/inputs");
const statusRoute = await import("../../app/api/instructor/similarity/[slug]/route");
const csvRoute = await import("../../app/api/instructor/similarity/[slug]/csv/route");
const submissionRoute = await import("../../app/api/submissions/[id]/route");
const { default: ReportPage } = await import("../../app/instructor/tasks/[slug]/similarity/page");
const { default: PairPage } = await import("../../app/instructor/tasks/[slug]/similarity/[pairId]/page");
const actions = await import("../../app/instructor/tasks/[slug]/similarity/actions");
type SessionUser = import("../../server/auth").SessionUser;
type GradeResult = import("../../grader/result").GradeResult;

const fixture = (name: string) => fs.readFileSync(path.join("tests", "fixtures", "similarity", `${name}.ts`));
const SLUG = "next-number";
let ana: SessionUser, bia: SessionUser, caio: SessionUser, prof: SessionUser, outsider: SessionUser;
let task: Awaited<ReturnType<typeof db.task.findFirstOrThrow>>;
const submissionIds: Record<string, string> = {};

async function handIn(user: SessionUser, code: Uint8Array): Promise<string> {
  const r = await createSubmission(user, task.id, code, "model.ts");
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.submissionId;
}

/** Stands in for the grading worker: a graded result with this score. */
async function grade(submissionId: string, score: number) {
  const result = {
    task: SLUG, passed: score >= 7, score, maxScore: 10, checks: [], metrics: {}, curves: {}, predictions: {}, models: {}, diagnostics: [],
    logs: { text: "", truncated: false },
    environment: { backend: "wasm", tfjsVersion: "4.22.0", nodeVersion: "v20", graderVersion: "0.1.0", isolation: [], unsafeNoIsolation: false, seed: 42, dataHash: null, codeHash: "x", profile: "quick", budget: null },
    timing: { totalMs: 1, phases: [] },
  } as unknown as GradeResult;
  await db.submission.update({ where: { id: submissionId }, data: { status: "running", workerId: "w" } });
  expect(await storeResult(submissionId, "w", result)).toBe(true);
}

/** What the runner does, once: claim the queued analysis and compute it. */
async function runQueued(): Promise<string> {
  const id = await claimAnalysis("test-runner");
  if (!id) throw new Error("nothing queued");
  return runAnalysis(id, "test-runner");
}

const params = (slug = SLUG) => ({ params: Promise.resolve({ slug }) });
async function statusAs(user: SessionUser | null, slug = SLUG) {
  session.user = user;
  return statusRoute.GET(new Request(`http://localhost/api/instructor/similarity/${slug}?mode=counting`), params(slug));
}
async function csvAs(user: SessionUser | null, query = "") {
  session.user = user;
  return csvRoute.GET(new Request(`http://localhost/api/instructor/similarity/${SLUG}/csv${query}`), params());
}
/** A page's answer: "notFound" when it called notFound(), else "rendered". */
async function pageAs(user: SessionUser | null, render: () => Promise<unknown>): Promise<"notFound" | "rendered"> {
  session.user = user;
  try {
    await render();
    return "rendered";
  } catch (err) {
    if ((err as { digest?: string }).digest?.includes("404")) return "notFound";
    throw err;
  }
}
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  const cls = await seedClass();
  ({ ana, bia, prof } = cls);
  task = await db.task.findFirstOrThrow({ where: { id: cls.taskId } });
  const c = await registerStudent({ name: "=HYPERLINK(\"http://x\")", email: "caio@x.org", password: "password-4", joinCode: "JOIN" });
  if (!c.ok) throw new Error("registration failed");
  caio = { id: c.userId, email: "caio@x.org", name: "=HYPERLINK(\"http://x\")", role: "student" };
  // An instructor of another course, with the same tasks (slugs) as this one.
  const otherCourse = await db.course.create({ data: { slug: "other", title: "Other", joinCode: "OTHER" } });
  const other = await db.user.create({ data: { email: "other@x.org", name: "Other", passwordHash: "x", role: "instructor", enrollments: { create: { courseId: otherCourse.id, role: "instructor" } } } });
  outsider = { id: other.id, email: other.email, name: other.name, role: "instructor" };
  await syncTasks(); // the other course gets its own copy of each task
  // Ana's own solution, Bia's copy with every name changed, Caio's different one.
  submissionIds.ana = await handIn(ana, fixture("original"));
  submissionIds.bia = await handIn(bia, fixture("renamed"));
  submissionIds.caio = await handIn(caio, fixture("functional"));
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("who reaches the report", () => {
  it("answers 404 to a student and to nobody signed in, by API and page", async () => {
    for (const user of [ana, null]) {
      expect((await statusAs(user)).status).toBe(404);
      expect((await csvAs(user)).status).toBe(404);
      expect(await pageAs(user, () => ReportPage({ ...params(), searchParams: Promise.resolve({}) }))).toBe("notFound");
    }
    // Asking as a student queued nothing.
    expect(await db.similarityAnalysis.count()).toBe(0);
  });

  it("gives an instructor of another course that course's own task of the same slug, never this one's", async () => {
    const own = await db.task.findFirstOrThrow({ where: { slug: SLUG, course: { slug: "other" } } });
    const res = await statusAs(outsider);
    expect(res.status).toBe(200);
    expect(await db.similarityAnalysis.count({ where: { taskId: task.id } })).toBe(0);
    expect(await db.similarityAnalysis.count({ where: { taskId: own.id } })).toBe(1);
    // A page made for this course's task is refused, not answered with their own.
    session.user = outsider;
    expect((await statusRoute.GET(new Request(`http://localhost/api/instructor/similarity/${SLUG}?task=${task.id}`), params())).status).toBe(409);
    expect((await csvRoute.GET(new Request(`http://localhost/api/instructor/similarity/${SLUG}/csv?task=${task.id}`), params())).status).toBe(409);
    await db.similarityAnalysis.deleteMany({});
  });

  it("shows an instructor of the task's course the report, and an unknown task is 404 to them too", async () => {
    const res = await statusAs(prof);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "queued", fresh: false });
    expect(await pageAs(prof, () => ReportPage({ ...params(), searchParams: Promise.resolve({ min: "0" }) }))).toBe("rendered");
    expect((await statusAs(prof, "no-such-task")).status).toBe(404);
  });
});

describe("the analysis in the background", () => {
  it("is queued by asking and computed by the runner, not by the request", async () => {
    expect((await analysisView(task, "counting")).status).toBe("queued");
    expect(await db.similarityPair.count()).toBe(0);
    const runner = new SimilarityRunner({ pollMs: 50 });
    runner.start();
    const deadline = Date.now() + 60_000;
    while ((await analysisView(task, "counting")).status !== "done" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await runner.stop();
    const view = await analysisView(task, "counting");
    expect(view).toMatchObject({ status: "done", fresh: true, fileCount: 3, pairCount: 3 });
  });

  it("lists the renamed copy at the top, near 1", async () => {
    const report = await similarityReport(task, "counting", { min: 0 });
    const top = report.pairs[0];
    expect(new Set([top.left.userId, top.right.userId])).toEqual(new Set([ana.id, bia.id]));
    expect(top.similarity).toBeGreaterThanOrEqual(0.95);
    expect(report.pairs.slice(1).every((p) => p.similarity < 0.5)).toBe(true);
    // The threshold sets what is shown.
    const high = await similarityReport(task, "counting", { min: 0.9 });
    expect(high.above).toBe(1);
    expect(high.pairs).toHaveLength(1);
  });

  it("keeps the result while nothing changes, and asking again queues nothing", async () => {
    const before = await db.similarityAnalysis.findFirstOrThrow({ where: { taskId: task.id, mode: "counting" } });
    const view = await ensureAnalysis(task, "counting");
    expect(view).toMatchObject({ status: "done", fresh: true });
    expect(await claimAnalysis("test-runner")).toBeNull();
    const after = await db.similarityAnalysis.findFirstOrThrow({ where: { id: before.id } });
    expect(after.finishedAt).toEqual(before.finishedAt);
  });

  it("goes stale when a new submission arrives, shows the old result meanwhile, and the next run includes it", async () => {
    const oldTop = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    // Caio hands in Ana's solution too (ungraded yet: still the one compared for him).
    submissionIds.caio2 = await handIn(caio, fixture("original"));
    expect(await analysisView(task, "counting")).toMatchObject({ status: "done", fresh: false, hasResult: true });
    expect((await similarityReport(task, "counting", { min: 0 })).pairs[0].id).toBe(oldTop.id);
    expect((await ensureAnalysis(task, "counting")).status).toBe("queued");
    expect(await runQueued()).toBe("done");
    const report = await similarityReport(task, "counting", { min: 0.95 });
    expect(report.analysis.fresh).toBe(true);
    // Now three pairs at 1: Ana, Bia and Caio's second submission all share one structure.
    expect(report.pairs).toHaveLength(3);
    expect(report.pairs.some((p) => p.left.submissionId === submissionIds.caio2 || p.right.submissionId === submissionIds.caio2)).toBe(true);
  });

  it("goes stale when grading changes which submission counts", async () => {
    await grade(submissionIds.caio, 9);
    await grade(submissionIds.caio2, 3);
    // Caio's best graded submission (the different one) counts again.
    expect((await analysisView(task, "counting")).fresh).toBe(false);
    await ensureAnalysis(task, "counting");
    expect(await runQueued()).toBe("done");
    const report = await similarityReport(task, "counting", { min: 0.95 });
    expect(report.pairs).toHaveLength(1);
  });

  it("goes stale when the template changes, and the instructor's template lowers what it covers", async () => {
    const copy = async () => (await similarityReport(task, "counting", { min: 0 })).pairs.find((p) => new Set([p.left.userId, p.right.userId]).has(bia.id) && new Set([p.left.userId, p.right.userId]).has(ana.id))!;
    const before = await pairDetail(task.id, (await copy()).id);
    const helper = fixture("original").toString().split("\n").slice(9, 16).join("\n");
    expect(await saveInstructorTemplate(task.id, prof.id, helper)).toEqual({ ok: true });
    expect((await analysisView(task, "counting")).fresh).toBe(false);
    await ensureAnalysis(task, "counting");
    expect(await runQueued()).toBe("done");
    const after = await pairDetail(task.id, (await copy()).id);
    expect(after!.leftTotal).toBeLessThan(before!.leftTotal);
    expect((await analysisView(task, "counting")).fresh).toBe(true);
    // Too long a template is refused and changes nothing.
    expect(await saveInstructorTemplate(task.id, prof.id, "x".repeat(100_001))).toEqual({ ok: false, error: "tooLong" });
    expect((await analysisView(task, "counting")).fresh).toBe(true);
  });

  it("compares every submission in the 'all' mode, never two of one student", async () => {
    await ensureAnalysis(task, "all");
    expect(await runQueued()).toBe("done");
    const view = await analysisView(task, "all");
    expect(view.fileCount).toBe(4);
    expect(view.pairCount).toBe(4 * 3 / 2 - 1);
    const report = await similarityReport(task, "all", { min: 0 });
    expect(report.pairs.every((p) => p.left.userId !== p.right.userId)).toBe(true);
  });

  it("hands an analysis whose runner went silent back to the queue, and the silent runner cannot store", async () => {
    await saveInstructorTemplate(task.id, prof.id, "");
    await ensureAnalysis(task, "counting");
    const id = (await claimAnalysis("silent-runner"))!;
    await db.similarityAnalysis.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 1000) } });
    expect(await reclaimStaleAnalyses()).toBe(1);
    expect(await claimAnalysis("test-runner")).toBe(id);
    expect(await runAnalysis(id, "silent-runner")).toBe("queued"); // lost its claim: stores nothing
    expect(await runAnalysis(id, "test-runner")).toBe("done");
  });
});

describe("flags", () => {
  it("records a verdict with who and when, keeps the history, and a cleared flag is no flag", async () => {
    const top = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    expect(await flagPair(task.id, prof.id, { pairId: top.id, status: "suspicious", note: "mesma estrutura, nomes trocados" })).toEqual({ ok: true });
    let flag = (await currentFlags(task.id)).get(pairKey(top.left.userId, top.right.userId));
    expect(flag).toMatchObject({ status: "suspicious", note: "mesma estrutura, nomes trocados", byUserId: prof.id, byName: "Prof" });
    expect(flag!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await flagPair(task.id, prof.id, { pairId: top.id, status: "reviewed-ok", note: "conversamos: trabalharam juntos com permissão" });
    flag = (await currentFlags(task.id)).get(pairKey(top.right.userId, top.left.userId));
    expect(flag?.status).toBe("reviewed-ok");
    const detail = await pairDetail(task.id, top.id);
    expect(detail!.history.map((h) => h.status)).toEqual(["reviewed-ok", "suspicious"]);
    expect((await similarityReport(task, "counting", { min: 0 })).pairs[0].flag?.status).toBe("reviewed-ok");
    await flagPair(task.id, prof.id, { pairId: top.id, status: "cleared" });
    expect((await currentFlags(task.id)).size).toBe(0);
  });

  it("survives a new analysis (kept per pair of students)", async () => {
    const top = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    await flagPair(task.id, prof.id, { pairId: top.id, status: "suspicious", note: "NOTA-SO-DOCENTES" });
    await handIn(ana, fixture("original"));
    await ensureAnalysis(task, "counting");
    expect(await runQueued()).toBe("done");
    const again = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    expect(again.id).not.toBe(top.id);
    expect(again.flag?.status).toBe("suspicious");
  });

  it("refuses a bad status, too long a note, and a pair of another task", async () => {
    const top = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    expect(await flagPair(task.id, prof.id, { pairId: top.id, status: "guilty" })).toEqual({ ok: false, error: "invalid" });
    expect(await flagPair(task.id, prof.id, { pairId: top.id, status: "suspicious", note: "x".repeat(2001) })).toEqual({ ok: false, error: "invalid" });
    const other = await db.task.findFirstOrThrow({ where: { slug: "sine-forecast", courseId: task.courseId } });
    expect(await flagPair(other.id, prof.id, { pairId: top.id, status: "suspicious" })).toEqual({ ok: false, error: "notFound" });
    expect(await pairDetail(other.id, top.id)).toBeNull();
  });

  it("is out of a student's reach: actions refuse and store nothing, the pair page is 404, their API shows no flag", async () => {
    const top = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    const flagsBefore = await db.similarityFlag.count();
    session.user = bia;
    expect(await actions.saveFlag(null, form({ taskId: task.id, pairId: top.id, status: "reviewed-ok", note: "" }))).toEqual({ ok: false, message: "notFound" });
    expect(await actions.saveTemplate(null, form({ taskId: task.id, code: "export const x = 1;" }))).toEqual({ ok: false, message: "notFound" });
    expect(await actions.retryAnalysis(null, form({ taskId: task.id, mode: "counting" }))).toEqual({ ok: false, message: "notFound" });
    expect(await db.similarityFlag.count()).toBe(flagsBefore);
    expect(await db.similarityTemplate.count()).toBe(0);
    expect(await pageAs(bia, () => PairPage({ params: Promise.resolve({ slug: SLUG, pairId: top.id }) }))).toBe("notFound");
    expect(await pageAs(prof, () => PairPage({ params: Promise.resolve({ slug: SLUG, pairId: top.id }) }))).toBe("rendered");
    expect(await pageAs(prof, () => PairPage({ params: Promise.resolve({ slug: "sine-forecast", pairId: top.id }) }))).toBe("notFound");
    // Bia's own submission, by her API: nothing of the report in it.
    session.user = bia;
    const res = await submissionRoute.GET(new Request(`http://localhost/api/submissions/${submissionIds.bia}`), { params: Promise.resolve({ id: submissionIds.bia }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("NOTA-SO-DOCENTES");
    expect(text).not.toMatch(/similarity|suspicious/i);
  });
});

describe("CSV", () => {
  it("lists the pairs from the threshold with flags, a formula-like name made inert", async () => {
    const res = await csvAs(prof, "?mode=counting&min=0");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    // Read as bytes: Response.text() would drop the byte-order mark.
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("similarity,student_a,email_a,attempt_a,student_b,email_b,attempt_b,longest_fragment,flag,note,flagged_by,flagged_at");
    const report = await similarityReport(task, "counting", { min: 0 });
    expect(lines).toHaveLength(1 + report.above);
    expect(lines[1]).toMatch(/^1,/);
    expect(lines[1]).toContain("suspicious,NOTA-SO-DOCENTES,Prof,");
    // Caio's name starts with "=": quoted text, never a formula.
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const br = similarityCsv(report.pairs, { format: "br", locale: "pt-BR" });
    expect(br.slice(1).split("\r\n")[0]).toBe("Similaridade;Estudante A;E-mail A;Envio A;Estudante B;E-mail B;Envio B;Maior trecho;Marcação;Observação;Marcado por;Marcado em");
    expect(br).toContain(";suspeito;NOTA-SO-DOCENTES;");
  });

  it("applies the threshold", async () => {
    const text = await (await csvAs(prof, "?mode=counting&min=99")).text();
    expect(text.trim().split("\r\n")).toHaveLength(2);
  });
});

describe("the current course and an archived one", () => {
  it("refuses a form made for this course's task once another course of the instructor's is current, and its pair page is 404 there", async () => {
    const top = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    const otherCourse = await db.course.findUniqueOrThrow({ where: { slug: "other" } });
    await db.enrollment.create({ data: { userId: prof.id, courseId: otherCourse.id, role: "instructor" } });
    try {
      session.user = prof;
      session.course = otherCourse.id;
      const flags = await db.similarityFlag.count();
      expect(await actions.saveFlag(null, form({ taskId: task.id, pairId: top.id, status: "cleared", note: "" }))).toEqual({ ok: false, message: "courseChanged" });
      expect(await actions.saveTemplate(null, form({ taskId: task.id, code: "export const y = 2;" }))).toEqual({ ok: false, message: "courseChanged" });
      expect(await actions.retryAnalysis(null, form({ taskId: task.id, mode: "counting" }))).toEqual({ ok: false, message: "courseChanged" });
      expect(await db.similarityFlag.count()).toBe(flags);
      expect(await db.similarityTemplate.count()).toBe(0);
      // The same slug is the other course's task now: this course's pair is not found under it.
      expect(await pageAs(prof, () => PairPage({ params: Promise.resolve({ slug: SLUG, pairId: top.id }) }))).toBe("notFound");
      const status = await statusRoute.GET(new Request(`http://localhost/api/instructor/similarity/${SLUG}?mode=counting&task=${task.id}`), params());
      expect(status.status).toBe(409);
    } finally {
      session.course = null;
      await db.enrollment.delete({ where: { userId_courseId: { userId: prof.id, courseId: otherCourse.id } } });
    }
  });

  it("an archived course's report stays readable; no template or flag is saved", async () => {
    const top = (await similarityReport(task, "counting", { min: 0 })).pairs[0];
    await db.course.update({ where: { id: task.courseId }, data: { archivedAt: new Date() } });
    try {
      session.user = prof;
      const flags = await db.similarityFlag.count();
      expect(await actions.saveFlag(null, form({ taskId: task.id, pairId: top.id, status: "cleared", note: "" }))).toEqual({ ok: false, message: "course.archived" });
      expect(await actions.saveTemplate(null, form({ taskId: task.id, code: "export const y = 2;" }))).toEqual({ ok: false, message: "course.archived" });
      expect(await db.similarityFlag.count()).toBe(flags);
      expect(await db.similarityTemplate.count()).toBe(0);
      expect((await statusAs(prof)).status).toBe(200);
      expect(await pageAs(prof, () => ReportPage({ ...params(), searchParams: Promise.resolve({ min: "0" }) }))).toBe("rendered");
      expect(await pageAs(prof, () => PairPage({ params: Promise.resolve({ slug: SLUG, pairId: top.id }) }))).toBe("rendered");
    } finally {
      await db.course.update({ where: { id: task.courseId }, data: { archivedAt: null } });
    }
  });
});

describe("a student's exception", () => {
  it("decides which of their submissions counts, as in the gradebook", async () => {
    // Caio's two graded submissions: the different one (9), then Ana's copy (3). Counting the
    // last one within the deadline, a deadline between them keeps the first...
    const [first, second] = await db.submission.findMany({ where: { id: { in: [submissionIds.caio, submissionIds.caio2] } }, orderBy: { createdAt: "asc" } });
    const dueAt = new Date(second.createdAt.getTime() - 1);
    const rules = { ...task, policy: "last", dueAt, lateUntil: null };
    const chosen = async () => (await chooseSubmissions(rules, "counting")).chosen.find((c) => c.userId === caio.id)?.id;
    expect(await chosen()).toBe(first.id);
    // ...and his own later deadline makes the second count.
    const granted = await db.taskException.create({ data: { taskId: task.id, userId: caio.id, dueAt: new Date(second.createdAt.getTime() + 60_000), grantedById: prof.id } });
    try {
      expect(await chosen()).toBe(second.id);
    } finally {
      await db.taskException.delete({ where: { id: granted.id } });
    }
  });
});
