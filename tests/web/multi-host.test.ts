/**
 * Several web hosts on one database (issue 15): what a student does through one host's
 * process reaches them through another's. The other host is a real second process
 * (fixtures/other-host.ts) running the same server modules on the same database file.
 * - live progress: a watch here (the submission page's feed, server/submissions/watch.ts)
 *   sees a hand-in made on the other host go queued, running with its epochs, graded;
 * - login limits: failures counted on the other host slow the next attempt down here
 *   (server/auth/rate-limit.ts keeps nothing in process memory).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { watchSubmission } = await import("../../server/submissions/watch");
const { beginLoginAttempt } = await import("../../server/auth/rate-limit");
const { env } = await import("../../server/env");
type SessionUser = import("../../server/auth").SessionUser;
type SubmissionView = import("../../server/submissions/read").SubmissionView;

let ana: SessionUser;
let taskId: string;
let other: ChildProcess;
let answers: readline.Interface;

/** One command to the other host, its one-line answer. */
function ask<T>(line: string): Promise<T> {
  return new Promise((resolve, reject) => {
    answers.once("line", (answer) => {
      const parsed = JSON.parse(answer) as T & { error?: string };
      if (parsed.error) reject(new Error(parsed.error));
      else resolve(parsed);
    });
    other.stdin!.write(line + "\n");
  });
}

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(async () => {
  ({ ana, taskId } = await seedClass());
  other = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/web/fixtures/other-host.ts"], { env: process.env, stdio: ["pipe", "pipe", "inherit"] });
  answers = readline.createInterface({ input: other.stdout! });
});

afterAll(async () => {
  other.stdin!.end();
  await new Promise((r) => other.once("exit", r));
  await db.$disconnect();
  testDb.cleanup();
});

describe("two web hosts on one database", () => {
  it("runs the other host in another process", async () => {
    expect(other.pid).not.toBe(process.pid);
    expect(env.DATABASE_URL).toBe(testDb.url);
  });

  it("a hand-in on the other host reaches this host's live feed: queued, running with its epochs, graded", async () => {
    const { id } = await ask<{ id: string }>(`create ${ana.id} ${taskId}`);
    const views: SubmissionView[] = [];
    const stop = new AbortController();
    const watching = watchSubmission(ana, id, { intervalMs: 50, queuedRefreshMs: 60_000, signal: stop.signal, onView: (v) => views.push(v) });
    await until(() => views.length === 1);
    expect(views[0]).toMatchObject({ id, status: "queued", queuePosition: 1 });

    expect(await ask(`claim other-worker`)).toEqual({ id });
    await until(() => views.at(-1)?.status === "running");
    expect(await ask(`progress other-worker ${id} 3`)).toEqual({ count: 1 });
    await until(() => views.at(-1)?.progress?.curves.model?.length === 3);
    expect(await ask(`store other-worker ${id}`)).toEqual({ stored: true });
    await until(() => views.at(-1)?.status === "graded");
    expect(views.at(-1)!.result).toMatchObject({ score: 7, maxScore: 10 });
    stop.abort();
    await watching;
    expect(views.map((v) => v.status)).toEqual(["queued", "running", "running", "graded"]);
  });

  it("failed logins counted on the other host slow the next attempt down on this one", async () => {
    const email = "ana@x.org";
    const ip = "203.0.113.7";
    for (let i = 0; i < env.TREINO_LOGIN_MAX_FAILURES; i++) expect(await ask(`fail-login ${email} ${ip}`)).toEqual({ blocked: false });
    expect((await beginLoginAttempt(email, ip)).blocked).toBe(true);
    // Another address is not slowed down by them.
    expect((await beginLoginAttempt(email, "203.0.113.8")).blocked).toBe(false);
  });
});
