/**
 * The live feed's route (server-sent events) against a real SQLite file: the answer goes out at
 * once with a comment line; opened `since` the view the page shows, no view follows until the
 * submission changes, then the changed one; opened without it (or with a stale version), the
 * view comes first. Someone else's submission is a 404 whatever version they name. Only the
 * session (next-auth's getServerSession) is stood in for.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const request = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.user ? { user: request.user, expires: "2999-01-01T00:00:00.000Z" } : null),
}));

const testDb = freshDatabase();
delete process.env.REDIS_URL;
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { createSubmission } = await import("../../server/submissions/create");
const { getSubmissionView } = await import("../../server/submissions/read");
const { GET } = await import("../../app/api/submissions/[id]/events/route");
type SessionUser = import("../../server/auth").SessionUser;

let ana: SessionUser;
let bia: SessionUser;
let taskId: string;
beforeAll(async () => {
  ({ ana, bia, taskId } = await seedClass());
});
afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

/** Opens the feed as `user`; `read` collects what arrives, `close` ends it as a leaving browser does. */
async function open(user: SessionUser, id: string, since?: string) {
  request.user = { id: user.id, email: user.email, name: user.name, role: user.role };
  const leave = new AbortController();
  const url = `http://x/api/submissions/${id}/events${since === undefined ? "" : `?since=${encodeURIComponent(since)}`}`;
  const res = await GET(new Request(url, { signal: leave.signal }), { params: Promise.resolve({ id }) });
  let text = "";
  const reader = res.status === 200 ? res.body?.getReader() : undefined;
  const pump = (async () => {
    const decoder = new TextDecoder();
    while (reader) {
      const chunk = await reader!.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      text += decoder.decode(chunk.value);
    }
  })();
  return {
    res,
    text: () => text,
    views: () => [...text.matchAll(/event: view\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]) as { status: string; version: string }),
    close: async () => { leave.abort(); await reader?.cancel().catch(() => {}); await pump; },
  };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function handIn(code: string) {
  const made = await createSubmission(ana, taskId, new TextEncoder().encode(code), null);
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.submissionId;
}

describe("the live feed route", () => {
  it("answers at once and, opened since the page's view, sends no view until the submission changes", async () => {
    const id = await handIn("export const a = 1;\n");
    const page = (await getSubmissionView(ana, id))!;
    const feed = await open(ana, id, page.version);
    expect(feed.res.status).toBe(200);
    expect(feed.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await until(() => feed.text().startsWith(": open\n\n"));
    await new Promise((r) => setTimeout(r, 800)); // a few of the feed's reads
    expect(feed.views()).toEqual([]);
    await db.submission.update({ where: { id }, data: { status: "running", startedAt: new Date() } });
    await until(() => feed.views().length === 1);
    expect(feed.views()[0].status).toBe("running");
    await feed.close();
  });

  it("sends the view first when opened without a version, or with one that is out of date or malformed", async () => {
    const id = await handIn("export const b = 1;\n");
    const page = (await getSubmissionView(ana, id))!;
    await db.submission.update({ where: { id }, data: { status: "running", startedAt: new Date() } });
    for (const since of [undefined, page.version, "zz<script>", ""]) {
      const feed = await open(ana, id, since);
      await until(() => feed.views().length === 1);
      expect(feed.views()[0].status).toBe("running");
      await feed.close();
    }
  });

  it("refuses someone else's submission, whatever version they name", async () => {
    const id = await handIn("export const c = 1;\n");
    const page = (await getSubmissionView(ana, id))!;
    const feed = await open(bia, id, page.version);
    expect(feed.res.status).toBe(404);
    expect(await feed.res.json()).toEqual({ error: "notFound" });
  });
});
