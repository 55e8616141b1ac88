/**
 * `npm run db:migrate-to-postgres` on a small SQLite installation with rows in every table
 * (run on PostgreSQL only: `npm run test:postgres`, TREINO_TEST_POSTGRES_URL): the counts
 * match and are printed, values come across as they were (booleans, dates to the millisecond,
 * a date SQLite's CURRENT_TIMESTAMP wrote, JSON with its key order, floats, nulls, ids), the
 * autoincrement continues after the copied ids, a non-empty target is refused untouched, and
 * --replace copies over it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, runSqlSync, testPostgresUrl } from "../../tests/web/test-db";

const server = testPostgresUrl();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-move-"));
const file = path.join(dir, "treino.db");
const sqliteUrl = `file:${file}`;
const name = `treino_test_${process.pid}_move`;
const postgresUrl = server ? databaseUrl(server, name) : "";

function move(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("scripts", "db", "migrate-to-postgres.ts"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe.runIf(server)("moving an installation from SQLite to PostgreSQL", () => {
  type Db = import("../../server/db").Db;
  let sqlite: Db;
  let postgres: Db;
  const archivedAt = new Date("2026-02-03T04:05:06.789Z");
  const overrides = { thresholds: { mse: 0.02 }, points: { b: 1, a: 2 } };
  const fragments = [[0, 1, 2, 3, 4, 5, 6, 7]];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: sqliteUrl }, stdio: "ignore" });
    runSqlSync(server!, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`]);
    process.env.TREINO_DATA_DIR = dir;
    process.env.DATABASE_URL = sqliteUrl;
    const { createClient } = await import("../../server/db");
    sqlite = createClient(sqliteUrl);
    postgres = createClient(postgresUrl, { poolSize: 2 });

    // A little of everything, through Prisma as Treino writes it.
    const prof = await sqlite.user.create({ data: { email: "prof@x.org", name: "Prof", passwordHash: "h1", role: "instructor" } });
    const ana = await sqlite.user.create({ data: { email: "ana@x.org", name: "Ana Conceição", passwordHash: "", pseudonym: "Raposa" } });
    const course = await sqlite.course.create({ data: { slug: "c", title: "Redes", term: "2026.1", joinCode: "JOIN", archivedAt } });
    await sqlite.enrollment.createMany({ data: [{ userId: prof.id, courseId: course.id, role: "instructor" }, { userId: ana.id, courseId: course.id }] });
    const task = await sqlite.task.create({ data: { courseId: course.id, slug: "next-number", titlePt: "Próximo", titleEn: "Next", lateCredit: 0.75, maxPerDay: 3, leaderboardVisible: true, overrides, taskRuns: 3 } });
    const sub = await sqlite.submission.create({ data: { userId: ana.id, taskId: task.id, attempt: 1, code: "export const x = 'ação';\n", status: "graded", seed: 7, progress: { phase: "done", z: 1, a: 2 } } });
    const result = await sqlite.gradingResult.create({
      data: {
        submissionId: sub.id, passed: false, score: 6.5, maxScore: 10, graderVersion: "0.1.0", seed: 7, profile: "quick", durationMs: 1234, result: { score: 6.5, curves: { simpleRnn: [], lstm: [] } },
        checks: { create: [{ checkId: "mse", status: "partial", points: 6.5, maxPoints: 10 }] },
        metrics: { create: [{ name: "testMse", value: 0.0123 }, { name: "missing", value: null }] },
        epochs: { create: [{ model: "lstm", epoch: 1, loss: 0.5, valLoss: null, ms: 12 }] },
      },
    });
    await sqlite.gradingResult.create({ data: { submissionId: sub.id, current: false, passed: true, score: 10, maxScore: 10, graderVersion: "0.1.0", seed: 7, profile: "quick", durationMs: 1, result: {} } });
    for (const ip of ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) await sqlite.loginAttempt.create({ data: { email: "ana@x.org", ip } });
    await sqlite.invitation.create({ data: { userId: ana.id, courseId: course.id, tokenHash: "abc", createdById: prof.id, expiresAt: new Date("2026-12-01T00:00:00.000Z") } });
    await sqlite.taskException.create({ data: { taskId: task.id, userId: ana.id, extraAttempts: 2, lateCredit: 0.5, grantedById: prof.id, revokedAt: new Date("2026-03-01T12:00:00.001Z") } });
    await sqlite.similarityTemplate.create({ data: { taskId: task.id, code: "template", updatedById: prof.id } });
    const analysis = await sqlite.similarityAnalysis.create({ data: { taskId: task.id, mode: "counting", status: "done", requestedSignature: "s", resultBatch: "b", engine: { dolos: "3.5.1" } } });
    await sqlite.similarityPair.create({ data: { analysisId: analysis.id, batch: "b", leftSubmissionId: sub.id, rightSubmissionId: "other", leftUserId: ana.id, rightUserId: prof.id, similarity: 0.875, longest: 3, leftCovered: 1, rightCovered: 2, leftTotal: 3, rightTotal: 4, fragments } });
    await sqlite.similarityFlag.create({ data: { taskId: task.id, studentAId: ana.id, studentBId: prof.id, status: "suspicious", note: "olhar", byUserId: prof.id } });
    // A row as plain SQL writes it: createdAt from SQLite's CURRENT_TIMESTAMP ("YYYY-MM-DD HH:MM:SS", UTC).
    await sqlite.$executeRaw`INSERT INTO "Course" ("id", "slug", "title", "joinCode") VALUES ('raw', 'raw', 'Raw', 'RAW')`;
    await sqlite.$disconnect();
  });

  afterAll(async () => {
    await postgres?.$disconnect();
    runSqlSync(server!, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the fixture has rows in every table", () => {
    const conn = new Database(file, { readonly: true });
    const tables = (conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[]).map((t) => t.name);
    const empty = tables.filter((t) => (conn.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n === 0);
    conn.close();
    expect(tables.length).toBeGreaterThan(10);
    expect(empty).toEqual([]);
  });

  it("copies every table, prints the counts and exits 0", () => {
    const run = move("--from", sqliteUrl, "--to", postgresUrl);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Course\s+2\s+2$/m);
    expect(run.out).toMatch(/^GradingResult\s+2\s+2$/m);
    expect(run.out).toMatch(/^LoginAttempt\s+3\s+3$/m);
    expect(run.out).toMatch(/every table matches/);
    expect(run.out).not.toMatch(/MISMATCH/);
  });

  it("keeps the values as they were", async () => {
    const course = await postgres.course.findUniqueOrThrow({ where: { slug: "c" } });
    expect(course.archivedAt?.toISOString()).toBe(archivedAt.toISOString());
    const raw = await postgres.course.findUniqueOrThrow({ where: { id: "raw" } });
    const sqliteText = (new Database(file, { readonly: true }).prepare(`SELECT "createdAt" FROM "Course" WHERE "id" = 'raw'`).get() as { createdAt: string }).createdAt;
    expect(sqliteText).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(raw.createdAt.toISOString()).toBe(new Date(`${sqliteText.replace(" ", "T")}Z`).toISOString());

    const task = await postgres.task.findFirstOrThrow({ where: { slug: "next-number" } });
    expect(task).toMatchObject({ lateCredit: 0.75, maxPerDay: 3, leaderboardVisible: true, taskRuns: 3, maxEpochs: null, checkRules: null });
    expect(JSON.stringify(task.overrides)).toBe(JSON.stringify(overrides)); // key order too
    const sub = await postgres.submission.findFirstOrThrow({ include: { results: { orderBy: { score: "asc" }, include: { checks: true, metrics: { orderBy: { name: "asc" } }, epochs: true } } } });
    expect(sub.code).toBe("export const x = 'ação';\n");
    expect(JSON.stringify(sub.progress)).toBe('{"phase":"done","z":1,"a":2}');
    expect(sub.results.map((r) => [r.passed, r.current, r.score])).toEqual([[false, true, 6.5], [true, false, 10]]);
    expect(sub.results[0].metrics.map((m) => [m.name, m.value])).toEqual([["missing", null], ["testMse", 0.0123]]);
    expect(sub.results[0].epochs[0]).toMatchObject({ loss: 0.5, valLoss: null, ms: 12 });
    expect(Object.keys((sub.results[0].result as { curves: object }).curves)).toEqual(["simpleRnn", "lstm"]);
    expect((await postgres.user.findUniqueOrThrow({ where: { email: "ana@x.org" } })).name).toBe("Ana Conceição");
    expect((await postgres.taskException.findFirstOrThrow()).revokedAt?.toISOString()).toBe("2026-03-01T12:00:00.001Z");
    expect((await postgres.similarityPair.findFirstOrThrow()).fragments).toEqual(fragments);
    expect((await postgres.similarityTemplate.findFirstOrThrow()).updatedAt).toBeInstanceOf(Date);
  });

  it("the login attempts' ids come across, and new ones continue after them", async () => {
    const ids = (await postgres.loginAttempt.findMany({ orderBy: { id: "asc" } })).map((a) => a.id);
    expect(ids).toEqual([1, 2, 3]);
    expect((await postgres.loginAttempt.create({ data: { email: "x@x.org", ip: "9.9.9.9" } })).id).toBe(4);
    await postgres.loginAttempt.deleteMany({ where: { id: 4 } });
  });

  it("refuses a target that holds rows, leaving it untouched; --replace copies over it", async () => {
    await postgres.similarityFlag.create({ data: { taskId: (await postgres.task.findFirstOrThrow()).id, studentAId: "a", studentBId: "b", status: "cleared", byUserId: "x" } });
    const refused = move("--from", sqliteUrl, "--to", postgresUrl);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds rows/);
    expect(await postgres.similarityFlag.count()).toBe(2);

    const replaced = move("--from", sqliteUrl, "--to", postgresUrl, "--replace");
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(/^SimilarityFlag\s+1\s+1$/m);
    expect(await postgres.similarityFlag.count()).toBe(1);
    expect((await postgres.loginAttempt.create({ data: { email: "x@x.org", ip: "9.9.9.9" } })).id).toBe(4);
  });

  it("refuses a source missing migrations, and a target that is not PostgreSQL", () => {
    const old = path.join(dir, "old.db");
    new Database(old).exec(`CREATE TABLE "User" ("id" TEXT)`);
    expect(move("--from", `file:${old}`, "--to", postgresUrl)).toMatchObject({ code: 1, err: expect.stringMatching(/lacks migrations/) });
    expect(move("--from", sqliteUrl, "--to", "file:/tmp/x.db")).toMatchObject({ code: 1, err: expect.stringMatching(/postgresql:\/\//) });
  });
});
