/**
 * The live submission page's server side against a real SQLite file: the watch hands on a view
 * at each change (running, done, back to the queue on a regrade) and nothing to someone else;
 * the previous attempt's diff is the same student's earlier submission of the task.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { createSubmission } = await import("../../server/submissions/create");
const { getSubmissionView } = await import("../../server/submissions/read");
const { previousAttempt } = await import("../../server/submissions/previous-attempt");
const { watchSubmission } = await import("../../server/submissions/watch");
const { regradeSubmission } = await import("../../server/instructor/regrade");
type SessionUser = import("../../server/auth").SessionUser;
type SubmissionView = import("../../server/submissions/read").SubmissionView;

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

const hand = async (user: SessionUser, code: string) => {
  const made = await createSubmission(user, taskId, new TextEncoder().encode(code), null);
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.submissionId;
};

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("previous attempt", () => {
  it("diffs against the same student's earlier submission of the task, never another's", async () => {
    const first = await hand(ana, "export const a = 1;\nexport const b = 2;\n");
    await hand(bia, "export const someoneElse = 1;\n");
    const second = await hand(ana, "export const a = 1;\nexport const b = 3;\n");
    const firstView = (await getSubmissionView(ana, first))!;
    expect(await previousAttempt(firstView)).toBeNull();
    const secondView = (await getSubmissionView(prof, second))!;
    const previous = await previousAttempt(secondView);
    expect(previous).toMatchObject({ id: first, attempt: firstView.attempt });
    expect(previous!.diff.filter((l) => l.kind !== "same").map((l) => `${l.kind} ${l.text}`)).toEqual(["removed export const b = 2;", "added export const b = 3;"]);
  });
});

describe("watching a submission", () => {
  it("hands on a view at each change, a regrade included, and stops when told", async () => {
    const id = await hand(ana, "export const watched = 1;\n");
    const seen: SubmissionView[] = [];
    const stop = new AbortController();
    const watching = watchSubmission(ana, id, { intervalMs: 20, queuedRefreshMs: 60_000, signal: stop.signal, onView: (v) => seen.push(v) });
    await until(() => seen.length === 1);
    expect(seen[0].status).toBe("queued");

    await db.submission.update({ where: { id }, data: { status: "running", startedAt: new Date(), progress: { phase: "train:rnn", totalEpochs: 3, curves: {} } } });
    await until(() => seen.length === 2);
    expect(seen[1]).toMatchObject({ status: "running", progress: { phase: "train:rnn" } });

    await db.submission.update({ where: { id }, data: { progress: { phase: "predict:rnn", totalEpochs: 3, curves: {} } } });
    await until(() => seen.length === 3);
    expect(seen[2].progress?.phase).toBe("predict:rnn");

    await db.submission.update({ where: { id }, data: { status: "error", finishedAt: new Date(), progress: { error: "grader broke" } } });
    await until(() => seen.length === 4);
    expect(seen[3]).toMatchObject({ status: "error", error: "grader broke" });

    // An instructor's regrade: back to the queue, on the same open watch.
    expect(await regradeSubmission(id, { recordedSeed: false })).toBe(true);
    await until(() => seen.length === 5);
    expect(seen[4].status).toBe("queued");

    // Nothing changes: nothing is sent.
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toHaveLength(5);
    stop.abort();
    await watching;
  });

  it("gives someone else's submission to no one but its owner and instructors", async () => {
    const id = await hand(ana, "export const mine = 1;\n");
    const seen: SubmissionView[] = [];
    const stop = new AbortController();
    await watchSubmission(bia, id, { intervalMs: 20, queuedRefreshMs: 60_000, signal: stop.signal, onView: (v) => seen.push(v) });
    expect(seen).toEqual([]);
    const forProf = watchSubmission(prof, id, { intervalMs: 20, queuedRefreshMs: 60_000, signal: stop.signal, onView: (v) => seen.push(v) });
    await until(() => seen.length === 1);
    expect(seen[0].code).toContain("mine");
    stop.abort();
    await forProf;
  });
});

describe("opening a watch since the view the page shows", () => {
  it("sends nothing while that view is current, then each change", async () => {
    const id = await hand(ana, "export const since = 1;\n");
    const page = (await getSubmissionView(ana, id))!;
    const seen: SubmissionView[] = [];
    const stop = new AbortController();
    const watching = watchSubmission(ana, id, { intervalMs: 20, queuedRefreshMs: 60_000, signal: stop.signal, since: page.version, onView: (v) => seen.push(v) });
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual([]);
    await db.submission.update({ where: { id }, data: { status: "running", startedAt: new Date(), progress: { phase: "train:rnn", totalEpochs: 3, curves: {} } } });
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ status: "running", progress: { phase: "train:rnn" } });
    expect(seen[0].version).not.toBe(page.version);
    // A view read now carries the version the watch saw last.
    expect((await getSubmissionView(ana, id))!.version).toBe(seen[0].version);
    stop.abort();
    await watching;
  });

  it("sends the view at once when the page's is out of date, or its version is not one", async () => {
    const id = await hand(ana, "export const stale = 1;\n");
    const page = (await getSubmissionView(ana, id))!;
    await db.submission.update({ where: { id }, data: { status: "running", startedAt: new Date() } });
    for (const since of [page.version, "0123456789abcdef", "not a version"]) {
      const seen: SubmissionView[] = [];
      const stop = new AbortController();
      const watching = watchSubmission(ana, id, { intervalMs: 20, queuedRefreshMs: 60_000, signal: stop.signal, since, onView: (v) => seen.push(v) });
      await until(() => seen.length === 1);
      expect(seen[0].status).toBe("running");
      stop.abort();
      await watching;
    }
  });

  it("gives nothing to someone else, whatever version they name", async () => {
    const id = await hand(ana, "export const notYours = 1;\n");
    const page = (await getSubmissionView(ana, id))!;
    const seen: SubmissionView[] = [];
    const stop = new AbortController();
    const watching = watchSubmission(bia, id, { intervalMs: 20, queuedRefreshMs: 60_000, signal: stop.signal, since: page.version, onView: (v) => seen.push(v) });
    await db.submission.update({ where: { id }, data: { status: "running", startedAt: new Date() } });
    await watching; // ends at the first change: the view is not theirs
    expect(seen).toEqual([]);
    stop.abort();
  });

  it("while queued, still hands on a new place in the queue", async () => {
    const ahead = await hand(ana, "export const first = 1;\n");
    const id = await hand(bia, "export const second = 1;\n");
    const page = (await getSubmissionView(bia, id))!;
    expect(page.queuePosition).toBeGreaterThanOrEqual(2);
    const seen: SubmissionView[] = [];
    const stop = new AbortController();
    const watching = watchSubmission(bia, id, { intervalMs: 20, queuedRefreshMs: 40, signal: stop.signal, since: page.version, onView: (v) => seen.push(v) });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([]);
    const { jobSource } = await import("../../server/queue");
    for (let taken = await jobSource.claim("w2"); taken && taken !== ahead; taken = await jobSource.claim("w2"));
    await until(() => seen.at(-1)?.queuePosition === 1);
    expect(seen.at(-1)).toMatchObject({ id, status: "queued" });
    stop.abort();
    await watching;
  });
});

describe("many watches at once", () => {
  it("share one read per interval, and each still gets its own changes", async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => hand(i % 2 ? ana : bia, `export const n${i} = ${i};\n`)));
    const owner = (i: number) => (i % 2 ? ana : bia);
    const seen = ids.map(() => [] as SubmissionView[]);
    const stop = new AbortController();
    const reads = vi.spyOn(db.submission, "findMany");
    const watches = ids.map((id, i) => watchSubmission(owner(i), id, { intervalMs: 100, queuedRefreshMs: 60_000, signal: stop.signal, onView: (v) => seen[i].push(v) }));
    await until(() => seen.every((s) => s.length === 1));
    reads.mockClear();
    await new Promise((r) => setTimeout(r, 1050));
    // About ten ticks of one read each (the fingerprints), not forty watches' reads per tick.
    const fingerprintReads = reads.mock.calls.filter(([args]) => (args as { where?: { id?: { in?: string[] } } })?.where?.id?.in?.length === ids.length).length;
    expect(fingerprintReads).toBeGreaterThanOrEqual(6);
    expect(fingerprintReads).toBeLessThanOrEqual(12);
    expect(reads.mock.calls.length).toBe(fingerprintReads);

    // One submission changes: only its watch hears of it.
    await db.submission.update({ where: { id: ids[7] }, data: { status: "running", startedAt: new Date() } });
    await until(() => seen[7].length === 2);
    expect(seen[7][1].status).toBe("running");
    await new Promise((r) => setTimeout(r, 250));
    expect(seen.filter((s) => s.length > 1)).toHaveLength(1);
    reads.mockRestore();
    stop.abort();
    await Promise.all(watches);
  });

  it("while queued, hands on a new place in the queue without re-reading the view, and nothing when it did not move", async () => {
    const ahead = await hand(ana, "export const ahead = 1;\n");
    const id = await hand(bia, "export const behind = 1;\n");
    const seen: SubmissionView[] = [];
    const stop = new AbortController();
    const views = vi.spyOn(db.submission, "findUnique");
    const watching = watchSubmission(bia, id, { intervalMs: 20, queuedRefreshMs: 40, signal: stop.signal, onView: (v) => seen.push(v) });
    await until(() => seen.length === 1);
    const place = seen[0].queuePosition!;
    expect(place).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 300)); // several refreshes: the place did not move
    expect(seen).toHaveLength(1);
    // The worker takes the oldest waiting jobs until the one ahead is gone: each move is handed on.
    const { jobSource } = await import("../../server/queue");
    for (let taken = await jobSource.claim("w"); taken && taken !== ahead; taken = await jobSource.claim("w"));
    await until(() => seen.at(-1)!.queuePosition === 1);
    expect(seen.at(-1)).toMatchObject({ id, status: "queued", code: "export const behind = 1;\n" });
    // The whole view (with its include of the task) was read once; refreshes read only the queue.
    expect(views.mock.calls.filter(([args]) => (args as { include?: unknown }).include).length).toBe(1);
    views.mockRestore();
    stop.abort();
    await watching;
  });

  it("a watch that ends leaves nothing waiting on its signal", async () => {
    const id = await hand(ana, "export const once = 1;\n");
    const stop = new AbortController();
    let listeners = 0;
    const add = stop.signal.addEventListener.bind(stop.signal);
    const remove = stop.signal.removeEventListener.bind(stop.signal);
    stop.signal.addEventListener = ((...args: Parameters<typeof add>) => { listeners++; return add(...args); }) as typeof add;
    stop.signal.removeEventListener = ((...args: Parameters<typeof remove>) => { listeners--; return remove(...args); }) as typeof remove;
    const watching = watchSubmission(ana, id, { intervalMs: 10, queuedRefreshMs: 60_000, signal: stop.signal, onView: () => {} });
    await new Promise((r) => setTimeout(r, 300));
    // Some thirty ticks so far: at most the one pending wait listens.
    expect(listeners).toBeLessThanOrEqual(1);
    stop.abort();
    await watching;
  });
});
