/**
 * Importing a roster through the real route handlers against a real SQLite file: the
 * preview of a Portuguese Excel file (Windows-1252, semicolons) with a bad row of every
 * kind, the import with its links, the invited student who cannot log in until they set a
 * password through their link (once, before it expires), re-issued links, and who may do
 * what: always on the instructor's current course (the course cookie), a page shown for
 * another course refused, nothing imported into an archived course. Only the session lookup
 * and the request's cookies are stood in for (next-auth's getServerSession and next/headers
 * read the request scope of a running Next.js server).
 */
import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: string }, course: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user, expires: "2999-01-01T00:00:00.000Z" } : null),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "treino-course" && session.course ? { name, value: session.course } : undefined) }),
}));

const testDb = freshDatabase();
process.env.NEXTAUTH_URL = "http://treino.test:3000";
delete process.env.SMTP_URL;
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { authOptions } = await import("../../server/auth");
const { MAX_ROSTER_BYTES } = await import("../../server/roster/preview");
const { acceptInvitation, invitationState } = await import("../../server/roster/invitations");
const { courseRoster } = await import("../../server/roster/roster-list");
const preview = (await import("../../app/api/instructor/roster/preview/route")).POST;
const importRoute = (await import("../../app/api/instructor/roster/import/route")).POST;
const reissueRoute = (await import("../../app/api/instructor/roster/invitations/route")).POST;
const acceptRoute = (await import("../../app/api/invitations/accept/route")).POST;
type ClassFixture = import("./class-fixture").ClassFixture;
type SessionUser = import("../../server/auth").SessionUser;

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
let address = 0;
/** A login attempt, each from its own address so the rate limit never gets in the way. */
const login = (email: string, password: string) => authorize({ email, password }, { headers: { "x-forwarded-for": `198.51.100.${++address}` } });

let c: ClassFixture;
let courseId: string;
let otherId: string;
let outsider: SessionUser;

/** The file as Excel in Portuguese saves it: Windows-1252, semicolons, CRLF. */
const ROSTER = [
  "Nome;E-mail;Turma",
  "João D’Ávila;joao@x.org;A",
  "Conceição Lima;CONCEICAO@x.org;A",
  ";semnome@x.org;A",
  "João de novo;JOAO@x.org;B",
  "Ana;ana@x.org;B",
  "Prof;prof@x.org;B",
  "Caio;caio@;B",
  "Dora;dora@x.org;B",
].join("\r\n");
const excelFile = (text = ROSTER) => new Blob([new Uint8Array(iconv.encode(text, "win1252"))], { type: "text/csv" });

function post(route: string, fields: Record<string, Blob | string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, v, "turma.csv");
  }
  return new Request(`http://127.0.0.1/api/instructor/roster/${route}`, { method: "POST", body: form });
}
const postJson = (url: string, body: unknown) => new Request(`http://127.0.0.1${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
/** Signs in as `user`, with the current-course cookie naming `course` (or none: their oldest active course). */
const as = (user: SessionUser | null, course: string | null = null) => {
  session.user = user;
  session.course = course;
};
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

beforeAll(async () => {
  c = await seedClass();
  courseId = (await db.task.findUniqueOrThrow({ where: { id: c.taskId } })).courseId;
  // Dora has an account from another course; an instructor of that other course only.
  const other = await db.course.create({ data: { slug: "other", title: "Other", joinCode: "OTHER" } });
  await db.user.create({ data: { email: "dora@x.org", name: "Dora Dias", passwordHash: "x", enrollments: { create: { courseId: other.id } } } });
  otherId = other.id;
  const stranger = await db.user.create({ data: { email: "outra@x.org", name: "Outra", passwordHash: "x", role: "instructor", enrollments: { create: { courseId: other.id, role: "instructor" } } } });
  outsider = { id: stranger.id, email: stranger.email, name: stranger.name, role: "instructor" };
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("the preview", () => {
  it("is for instructors only", async () => {
    as(null);
    expect((await preview(post("preview", { file: excelFile() }))).status).toBe(403);
    as(c.ana);
    expect((await preview(post("preview", { file: excelFile() }))).status).toBe(403);
    expect((await importRoute(post("import", { file: excelFile(), courseId }))).status).toBe(403);
    expect(await db.user.count({ where: { email: "joao@x.org" } })).toBe(0);
  });

  it("reads Excel's Portuguese file and says, per line, what importing does and what is wrong; writes nothing", async () => {
    as(c.prof);
    const users = await db.user.count();
    const res = await preview(post("preview", { file: excelFile() }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, encoding: "windows-1252", delimiter: ";", counts: { invite: 2, enroll: 1, skipped: 5 } });
    const rows = body.rows as { line: number; name: string; email: string; action: string | null; problems: string[]; firstLine: number | null }[];
    expect(rows.map((r) => [r.line, r.name, r.email, r.action, r.problems])).toEqual([
      [2, "João D’Ávila", "joao@x.org", "invite", []],
      [3, "Conceição Lima", "conceicao@x.org", "invite", []],
      [4, "", "semnome@x.org", null, ["name.missing"]],
      [5, "João de novo", "joao@x.org", null, ["email.duplicate"]],
      [6, "Ana", "ana@x.org", null, ["email.inCourse"]],
      [7, "Prof", "prof@x.org", null, ["email.instructor"]],
      [8, "Caio", "caio@", null, ["email.invalid"]],
      [9, "Dora", "dora@x.org", "enroll", []],
    ]);
    expect(rows[4].firstLine).toBeNull();
    expect(rows[3].firstLine).toBe(2);
    expect(await db.user.count()).toBe(users);
  });

  it("refuses a file over the size limit, and one without the columns, with the reason", async () => {
    as(c.prof);
    const big = new Blob(["Nome;E-mail\r\n", "x".repeat(MAX_ROSTER_BYTES + 1)]);
    const tooLarge = await preview(post("preview", { file: big }));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ ok: false, error: { code: "roster.tooLarge", params: { maxKb: MAX_ROSTER_BYTES / 1024 } } });
    const noHeader = await preview(post("preview", { file: excelFile("Ana;ana@x.org\r\n") }));
    expect(await noHeader.json()).toEqual({ ok: false, error: { code: "roster.noColumns" } });
    expect((await preview(post("preview", { other: "x" }))).status).toBe(400);
  });
});

describe("importing, and the invitations", () => {
  let links: { name: string; email: string; link: string; expiresAt: string; userId: string }[] = [];

  it("creates the new accounts without a password, with one link each; enrolls the existing one; skips the bad lines", async () => {
    as(c.prof);
    const res = await importRoute(post("import", { file: excelFile(), courseId }));
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    links = body.invited;
    expect(body).toMatchObject({ ok: true, skipped: 5, mail: { configured: false, sent: 0, failed: [] }, days: 14 });
    expect(body.enrolled.map((e: { name: string }) => e.name)).toEqual(["Dora Dias"]); // her account keeps its own name
    expect(links.map((l) => [l.name, l.email])).toEqual([["João D’Ávila", "joao@x.org"], ["Conceição Lima", "conceicao@x.org"]]);
    for (const l of links) expect(l.link).toMatch(/^http:\/\/treino\.test:3000\/convite\/[A-Za-z0-9_-]{43}$/);
    expect(body.csv.standard).toContain(links[0].link);
    expect(body.csv.br.split("\r\n")[0]).toBe("\uFEFFNome;E-mail;Link de convite;Vale até");

    const joao = await db.user.findUniqueOrThrow({ where: { email: "joao@x.org" }, include: { enrollments: true, invitations: true } });
    expect(joao).toMatchObject({ name: "João D’Ávila", role: "student", passwordHash: "" });
    expect(joao.enrollments.map((e) => e.courseId)).toEqual([courseId]);
    // Only the token's hash is stored, and it expires in 14 days.
    expect(joao.invitations).toHaveLength(1);
    expect(joao.invitations[0].tokenHash).toBe(createHash("sha256").update(tokenOf(links[0].link)).digest("hex"));
    const stored = JSON.stringify(await db.invitation.findMany());
    expect(stored).not.toContain(tokenOf(links[0].link));
    expect(joao.invitations[0].expiresAt.getTime() - joao.invitations[0].createdAt.getTime()).toBe(14 * 24 * 3600_000);
    expect(await db.enrollment.count({ where: { courseId, user: { email: "dora@x.org" } } })).toBe(1);
    expect(await db.user.count({ where: { email: { in: ["semnome@x.org", "caio@"] } } })).toBe(0);

    const roster = await courseRoster(courseId);
    expect(roster.map((r) => [r.name, r.account.state])).toEqual([
      ["Ana", "active"], ["Bia", "active"], ["Conceição Lima", "pending"], ["Dora Dias", "active"], ["João D’Ávila", "pending"],
    ]);
  });

  it("the same file again imports nothing: everyone in it is in the course now", async () => {
    as(c.prof);
    const body = await (await importRoute(post("import", { file: excelFile(), courseId }))).json();
    expect(body).toMatchObject({ ok: true, invited: [], enrolled: [], skipped: 8 });
  });

  it("a student with a pending invitation cannot log in with any password", async () => {
    for (const password of ["", "x", "password", "senha-segura-123"]) expect(await login("joao@x.org", password)).toBeNull();
  });

  it("the link sets the password once, under registration's rules; then the student logs in and the link is spent", async () => {
    const token = tokenOf(links[0].link);
    expect(await invitationState(token)).toMatchObject({ state: "valid", name: "João D’Ávila", email: "joao@x.org" });
    const short = await acceptRoute(postJson("/api/invitations/accept", { token, password: "short" }));
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({ ok: false, error: "invalid", fields: ["password"] });
    expect(await login("joao@x.org", "short")).toBeNull();

    const ok = await acceptRoute(postJson("/api/invitations/accept", { token, password: "senha-do-joao-1" }));
    expect(await ok.json()).toEqual({ ok: true, email: "joao@x.org", courseId });
    expect(await login("joao@x.org", "senha-do-joao-1")).toMatchObject({ email: "joao@x.org", role: "student" });
    expect(await login("joao@x.org", "wrong-password")).toBeNull();

    // Single use: the same link cannot set another password.
    const again = await acceptRoute(postJson("/api/invitations/accept", { token, password: "someone-elses-1" }));
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ ok: false, error: "used" });
    expect(await invitationState(token)).toEqual({ state: "used" });
    expect(await login("joao@x.org", "senha-do-joao-1")).not.toBeNull();
    expect((await courseRoster(courseId)).find((r) => r.email === "joao@x.org")?.account.state).toBe("active");
  });

  it("of two acceptances at once, exactly one sets the password", async () => {
    as(c.prof);
    const issued = await (await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: links[1].userId, courseId }))).json();
    const token = tokenOf(issued.link);
    const results = await Promise.all([acceptInvitation({ token, password: "first-password-1" }), acceptInvitation({ token, password: "second-password-2" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = results[0].ok ? "first-password-1" : "second-password-2";
    expect(await login("conceicao@x.org", winner)).not.toBeNull();
  });

  it("a re-issued link replaces the old one; an expired link does nothing; unknown tokens are unknown", async () => {
    as(c.prof);
    const pending = await db.user.create({ data: { email: "eva@x.org", name: "Eva", passwordHash: "", enrollments: { create: { courseId } } } });
    const first = await (await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: pending.id, courseId }))).json();
    const second = await (await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: pending.id, courseId }))).json();
    expect(second).toMatchObject({ ok: true, name: "Eva", email: "eva@x.org" });
    expect(await acceptInvitation({ token: tokenOf(first.link), password: "senha-da-eva-1" })).toEqual({ ok: false, error: "revoked" });
    expect(await login("eva@x.org", "senha-da-eva-1")).toBeNull();

    // Past its expiry, the newest link does nothing either.
    await db.invitation.updateMany({ where: { userId: pending.id, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await acceptInvitation({ token: tokenOf(second.link), password: "senha-da-eva-1" })).toEqual({ ok: false, error: "expired" });
    expect((await courseRoster(courseId)).find((r) => r.email === "eva@x.org")?.account.state).toBe("expired");
    expect(await login("eva@x.org", "senha-da-eva-1")).toBeNull();

    const unknown = await acceptRoute(postJson("/api/invitations/accept", { token: "A".repeat(43), password: "senha-da-eva-1" }));
    expect(unknown.status).toBe(404);
    expect(await invitationState("../../etc")).toEqual({ state: "unknown" });
  });

  it("re-issuing is refused for an account that has a password, to another course's instructor, and to students", async () => {
    as(c.prof);
    const withPassword = await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: c.ana.id, courseId }));
    expect(withPassword.status).toBe(409);
    expect(await withPassword.json()).toEqual({ ok: false, error: "hasPassword" });
    const eva = await db.user.findUniqueOrThrow({ where: { email: "eva@x.org" } });
    // The other course's instructor, whatever course they name (theirs, or this one by its id or its cookie).
    as(outsider);
    expect((await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: eva.id, courseId: otherId }))).status).toBe(403);
    expect((await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: eva.id, courseId }))).status).toBe(409);
    as(outsider, courseId);
    expect((await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: eva.id, courseId: otherId }))).status).toBe(403);
    as(c.bia, courseId);
    expect((await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: eva.id, courseId }))).status).toBe(403);
    expect(await db.invitation.count({ where: { userId: eva.id, createdById: { not: c.prof.id } } })).toBe(0);
  });

  it("another course's instructor imports into their own course, never this one", async () => {
    as(outsider);
    const file = () => excelFile("Nome;E-mail\r\nGabi;gabi@x.org\r\nAna;ana@x.org\r\n");
    // A page naming this course, or a cookie naming it, gets them nowhere here.
    expect((await importRoute(post("import", { file: file(), courseId }))).status).toBe(409);
    as(outsider, courseId);
    const body = await (await importRoute(post("import", { file: file(), courseId: otherId }))).json();
    expect(body).toMatchObject({ ok: true, enrolled: [{ email: "ana@x.org" }] });
    const gabi = await db.user.findUniqueOrThrow({ where: { email: "gabi@x.org" }, include: { enrollments: true, invitations: true } });
    expect(gabi.enrollments.map((e) => [e.courseId, e.role])).toEqual([[otherId, "student"]]);
    expect(gabi.invitations.map((i) => i.courseId)).toEqual([otherId]);
    // Ana is in both now, a student of each; this course's roster is untouched.
    expect((await courseRoster(courseId)).map((r) => r.email)).not.toContain("gabi@x.org");
  });
});

describe("an instructor of two courses", () => {
  let second: string;
  const file = () => excelFile("Nome;E-mail\r\nHelena;helena@x.org\r\nBia;bia@x.org\r\n");

  beforeAll(async () => {
    second = (await db.course.create({ data: { slug: "second", title: "Segunda", term: "2027.1", joinCode: "SECOND" } })).id;
    await db.enrollment.create({ data: { userId: c.prof.id, courseId: second, role: "instructor" } });
  });

  it("imports into the current course, as students of it, and invited students join that course", async () => {
    as(c.prof, second);
    // Bia is in the first course, not this one: she is enrolled here too.
    const previewed = await (await preview(post("preview", { file: file(), courseId: second }))).json();
    expect(previewed).toMatchObject({ ok: true, counts: { invite: 1, enroll: 1, skipped: 0 } });
    const res = await importRoute(post("import", { file: file(), courseId: second }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.invited.map((i: { email: string }) => i.email)).toEqual(["helena@x.org"]);
    const helena = await db.user.findUniqueOrThrow({ where: { email: "helena@x.org" }, include: { enrollments: true, invitations: true } });
    expect(helena.enrollments.map((e) => [e.courseId, e.role])).toEqual([[second, "student"]]);
    expect(helena.invitations.map((i) => i.courseId)).toEqual([second]);
    expect(await db.enrollment.findUnique({ where: { userId_courseId: { userId: c.bia.id, courseId: second } } })).toMatchObject({ role: "student" });
    // The link leads Helena into that course.
    const accepted = await acceptInvitation({ token: tokenOf(body.invited[0].link), password: "senha-da-helena-1" });
    expect(accepted).toEqual({ ok: true, email: "helena@x.org", courseId: second });
    expect((await courseRoster(second)).map((r) => r.email)).toEqual(["bia@x.org", "helena@x.org"]);
    expect((await courseRoster(courseId)).map((r) => r.email)).not.toContain("helena@x.org");
  });

  it("refuses a page shown for the other course (switched in another tab): nothing is imported or issued", async () => {
    as(c.prof, second);
    const users = await db.user.count();
    const enrollments = await db.enrollment.count();
    const refused = await importRoute(post("import", { file: excelFile("Nome;E-mail\r\nIris;iris@x.org\r\n"), courseId }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ ok: false, error: { code: "roster.courseChanged" } });
    // An import without the page's course is refused the same way.
    expect((await importRoute(post("import", { file: excelFile("Nome;E-mail\r\nIris;iris@x.org\r\n") }))).status).toBe(409);
    expect((await preview(post("preview", { file: file(), courseId }))).status).toBe(409);
    const eva = await db.user.findUniqueOrThrow({ where: { email: "eva@x.org" } });
    const reissued = await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: eva.id, courseId }));
    expect(reissued.status).toBe(409);
    expect(await reissued.json()).toEqual({ ok: false, error: "courseChanged" });
    // Eva is the first course's: with the second current, she is nobody's to re-invite here.
    expect((await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: eva.id, courseId: second }))).status).toBe(403);
    expect(await db.user.count()).toBe(users);
    expect(await db.enrollment.count()).toBe(enrollments);
  });

  it("an archived course takes no import and issues no link; its roster stays readable", async () => {
    await db.course.update({ where: { id: second }, data: { archivedAt: new Date() } });
    as(c.prof, second);
    const previewed = await preview(post("preview", { file: excelFile("Nome;E-mail\r\nJoana;joana@x.org\r\n"), courseId: second }));
    expect(previewed.status).toBe(409);
    expect(await previewed.json()).toEqual({ ok: false, error: { code: "course.archived" } });
    const imported = await importRoute(post("import", { file: excelFile("Nome;E-mail\r\nJoana;joana@x.org\r\n"), courseId: second }));
    expect(imported.status).toBe(409);
    expect(await imported.json()).toEqual({ ok: false, error: { code: "course.archived" } });
    expect(await db.user.count({ where: { email: "joana@x.org" } })).toBe(0);
    const pending = await db.user.create({ data: { email: "kai@x.org", name: "Kai", passwordHash: "", enrollments: { create: { courseId: second } } } });
    const reissued = await reissueRoute(postJson("/api/instructor/roster/invitations", { userId: pending.id, courseId: second }));
    expect(reissued.status).toBe(409);
    expect(await reissued.json()).toEqual({ ok: false, error: "course.archived" });
    expect(await db.invitation.count({ where: { userId: pending.id } })).toBe(0);
    expect((await courseRoster(second)).map((r) => r.email)).toContain("kai@x.org");
  });
});
