/**
 * The web side against a real SQLite file: handing in, the access rule, the database queue
 * (claims, orphaned jobs, give-ups), the worker grading through the grader and storing a
 * structured result exactly once.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { registerStudent } = await import("../../server/accounts/register");
const { seedClass } = await import("./class-fixture");
const { createSubmission } = await import("../../server/submissions/create");
const { getSubmissionView } = await import("../../server/submissions/read");
const { storeResult } = await import("../../server/submissions/store-result");
const { databaseQueue, MAX_CLAIMS, STALE_AFTER_MS } = await import("../../server/queue/database-queue");
const { GradingWorker } = await import("../../server/worker/worker");
type SessionUser = import("../../server/auth").SessionUser;

const starter = fs.readFileSync(path.join("exercises", "next-number", "starter.ts"));
let ana: SessionUser;
let bia: SessionUser;
let prof: SessionUser;
let taskId: string;

beforeAll(async () => {
  ({ ana, bia, prof, taskId } = await seedClass());
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("registration", () => {
  it("needs a known join code and a free email", async () => {
    expect(await registerStudent({ name: "X", email: "x@x.org", password: "password-x", joinCode: "NOPE" })).toMatchObject({ ok: false, error: "unknownJoinCode" });
    expect(await registerStudent({ name: "X", email: "ANA@x.org", password: "password-x", joinCode: "JOIN" })).toMatchObject({ ok: false, error: "emailTaken" });
    expect(await registerStudent({ name: "X", email: "x@x.org", password: "short", joinCode: "JOIN" })).toMatchObject({ ok: false, error: "invalid", fields: ["password"] });
  });
});

describe("handing in", () => {
  it("stores a refused upload nowhere, and numbers accepted attempts", async () => {
    const refused = await createSubmission(ana, taskId, Uint8Array.from([0xff, 0xfe, 0x00]), "bad.ts");
    expect(refused).toMatchObject({ ok: false });
    expect(await db.submission.count()).toBe(0);
    const first = await createSubmission(ana, taskId, starter, "starter.ts");
    const second = await createSubmission(ana, taskId, new TextEncoder().encode("export const broken = ;"), null);
    expect(first.ok && second.ok).toBe(true);
    const attempts = await db.submission.findMany({ where: { userId: ana.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((s) => [s.attempt, s.status])).toEqual([[1, "queued"], [2, "queued"]]);
    // A submission that will not even compile is kept as it was sent.
    expect(attempts[1].code).toBe("export const broken = ;");
  });

  it("shows a submission to its owner and the course's instructor only", async () => {
    const sub = await db.submission.findFirstOrThrow({ where: { userId: ana.id } });
    expect((await getSubmissionView(ana, sub.id))?.queuePosition).toBe(1);
    expect(await getSubmissionView(bia, sub.id)).toBeNull();
    expect(await getSubmissionView(prof, sub.id)).not.toBeNull();
    expect(await getSubmissionView(ana, "does-not-exist")).toBeNull();
  });
});

describe("the database queue", () => {
  it("hands each job to one worker, oldest first", async () => {
    // Three workers race for two jobs: which two win is the database's choice (on PostgreSQL the
    // claims truly run side by side), but each job goes to exactly one of them and one gets none.
    const workers = ["w1", "w2", "w3"];
    const claimed = await Promise.all(workers.map((w) => databaseQueue.claim(w)));
    const ids = (await db.submission.findMany({ orderBy: { createdAt: "asc" } })).map((s) => s.id);
    expect(claimed.filter((id) => id !== null).sort()).toEqual([...ids].sort());
    expect(claimed.filter((id) => id === null)).toHaveLength(1);
    for (const [i, id] of claimed.entries()) if (id) await databaseQueue.release(workers[i], id);
    // Alone, a worker gets the oldest.
    expect(await databaseQueue.claim("w4")).toBe(ids[0]);
    await databaseQueue.release("w4", ids[0]);
  });

  it("returns a dead worker's job to the queue, and gives up after repeated deaths", async () => {
    const stale = () => new Date(Date.now() + STALE_AFTER_MS + 1000);
    const id = (await databaseQueue.claim("doomed-0"))!;
    expect((await databaseQueue.reclaimStale(stale())).requeued).toEqual([id]);
    expect((await db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
    // Keep it the oldest, and let every worker that takes it die.
    await db.submission.updateMany({ where: { id: { not: id } }, data: { queuedAt: new Date(Date.now() + 60_000) } });
    let deaths = 1;
    while ((await db.submission.findUniqueOrThrow({ where: { id } })).status === "queued") {
      expect(await databaseQueue.claim(`doomed-${deaths}`)).toBe(id);
      await databaseQueue.reclaimStale(stale());
      deaths++;
    }
    expect(deaths).toBe(MAX_CLAIMS);
    const dead = await db.submission.findUniqueOrThrow({ where: { id } });
    expect(dead.status).toBe("error");
    expect(JSON.stringify(dead.progress)).toMatch(/worker died/);
  });
});

describe("the worker", () => {
  it("grades queued submissions and stores a structured result once", async () => {
    const worker = new GradingWorker({ source: databaseQueue, concurrency: 1, profile: "quick", pollMs: 50, heartbeatMs: 200 });
    worker.start();
    const deadline = Date.now() + 120_000;
    while ((await db.submission.count({ where: { status: { in: ["queued", "running"] } } })) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.stop();
    const graded = await db.submission.findMany({ where: { status: "graded" }, include: { results: { include: { checks: true, metrics: true, epochs: true } } } });
    expect(graded).toHaveLength(1);
    const [sub] = graded;
    expect(sub.code).toContain("export const broken");
    const [result] = sub.results;
    expect(result).toMatchObject({ current: true, passed: false, failureKind: "syntax", failureLine: 1, maxScore: 10 });
    expect(result.checks.map((c) => c.status)).toEqual(["skipped", "skipped", "skipped", "skipped", "skipped"]);

    // The other job was the one that "killed its workers" above and stays in error.
    // Grade the reference cut to 5 epochs and read its rows back.
    const short = fs.readFileSync(path.join("exercises", "next-number", "solution.ts"), "utf8").replace("epochs: 200", "epochs: 5");
    const fresh = await createSubmission(ana, taskId, new TextEncoder().encode(short), "short.ts");
    if (!fresh.ok) throw new Error("submission refused");
    const w2 = new GradingWorker({ source: databaseQueue, concurrency: 1, profile: "quick", pollMs: 50, heartbeatMs: 200 });
    w2.start();
    while ((await db.submission.findUniqueOrThrow({ where: { id: fresh.submissionId } })).status !== "graded" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await w2.stop();
    const stored = await db.gradingResult.findFirstOrThrow({ where: { submissionId: fresh.submissionId }, include: { checks: true, metrics: true, epochs: true } });
    expect(stored.checks.map((c) => c.checkId)).toEqual(["rnn.contract", "lstm.contract", "rnn.error", "lstm.error", "compare"]);
    expect(stored.checks.find((c) => c.checkId === "rnn.contract")).toMatchObject({ maxPoints: 1 });
    expect(stored.metrics.map((m) => m.name)).toContain("baselineMae");
    expect(stored.epochs.filter((e) => e.model === "rnn")).toHaveLength(5); // the 5 epochs it asked for
    expect(stored.backend).toMatch(/wasm|cpu|tensorflow/);

    // A late write from a worker that no longer holds the job changes nothing.
    const again = await storeResult(fresh.submissionId, "some-other-worker", stored.result as never);
    expect(again).toBe(false);
    expect(await db.gradingResult.count({ where: { submissionId: fresh.submissionId } })).toBe(1);
  });
});
