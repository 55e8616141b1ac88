/**
 * POST /api/submissions against a real SQLite file, with bodies that announce no length
 * (chunked) or a false one: the size limit holds while reading, and nothing is stored.
 * Only the session lookup is stood in for (next-auth's getServerSession reads the request
 * scope of a running Next.js server); the route, its body reading, the account check and the
 * storing are the real ones.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user, expires: "2999-01-01T00:00:00.000Z" } : null),
}));

const testDb = freshDatabase();
delete process.env.REDIS_URL; // the database queue: storing a submission is all that happens
const { db } = await import("../../server/db");
const { registerStudent } = await import("../../server/accounts/register");
const { MAX_REQUEST_BYTES } = await import("../../server/submissions/hand-in-request");
const { MAX_UPLOAD_BYTES } = await import("../../server/submissions/upload");
const { POST } = await import("../../app/api/submissions/route");

let taskId: string;
const CHUNK = 16 * 1024;

/** A multipart hand-in as the browser would send it: the bytes and their content type. */
async function multipart(fields: Record<string, string | Blob>): Promise<{ bytes: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const encoded = new Response(form);
  return { bytes: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

/** A request whose body is streamed in chunks, with no Content-Length unless one is given; counts what was pulled. */
function streamedPost(bytes: Uint8Array, contentType: string, contentLength?: number) {
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(pulled.bytes, pulled.bytes + CHUNK));
      pulled.bytes += CHUNK;
    },
  });
  const headers: Record<string, string> = { "content-type": contentType };
  if (contentLength !== undefined) headers["content-length"] = String(contentLength);
  const req = new Request("http://localhost/api/submissions", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return { req, pulled };
}

beforeAll(async () => {
  const course = await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } });
  taskId = (await db.task.create({ data: { courseId: course.id, slug: "next-number", titlePt: "Próximo", titleEn: "Next" } })).id;
  const ana = await registerStudent({ name: "Ana", email: "ana@x.org", password: "password-1", joinCode: "JOIN" });
  if (!ana.ok) throw new Error("registration failed");
  session.user = { id: ana.userId, email: "ana@x.org", name: "Ana", role: "student" };
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("POST /api/submissions with a streamed body", () => {
  it("refuses a chunked body over the limit while reading it, and stores nothing", async () => {
    // Ten megabytes of code in one field, announced nowhere.
    const { bytes, contentType } = await multipart({ taskId, code: "a".repeat(10 * 1024 * 1024) });
    const { req, pulled } = streamedPost(bytes, contentType);
    const res = await POST(req);
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, error: { code: "upload.tooLarge", params: { maxKb: MAX_UPLOAD_BYTES / 1024 } } });
    expect(body.error.params.kb).toBeGreaterThan(MAX_REQUEST_BYTES / 1024);
    // Reading stopped at the limit: a chunk past it at most, plus one the stream asked for ahead.
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES + 2 * CHUNK);
    expect(await db.submission.count()).toBe(0);
  });

  it("refuses a body larger than its Content-Length claims", async () => {
    const { bytes, contentType } = await multipart({ taskId, code: "a".repeat(MAX_REQUEST_BYTES) });
    const { req } = streamedPost(bytes, contentType, 1000);
    const res = await POST(req);
    expect(res.status).toBe(413);
    expect(await db.submission.count()).toBe(0);
  });

  it("refuses an honest Content-Length over the limit without reading the body", async () => {
    const { bytes, contentType } = await multipart({ taskId, code: "a".repeat(MAX_REQUEST_BYTES) });
    const { req, pulled } = streamedPost(bytes, contentType, bytes.length);
    expect((await POST(req)).status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(CHUNK);
    expect(await db.submission.count()).toBe(0);
  });

  it("stores a chunked hand-in within the limit exactly as sent", async () => {
    // Many chunks' worth, with accents and line breaks; sent as a Blob, as the editor does.
    const code = "// ação\nexport const x = 1;\n" + "// linha\n".repeat((MAX_UPLOAD_BYTES - 100) / 9);
    const { bytes, contentType } = await multipart({ taskId, code: new Blob([code]) });
    expect(bytes.length).toBeGreaterThan(10 * CHUNK);
    const { req } = streamedPost(bytes, contentType);
    const res = await POST(req);
    expect(res.status).toBe(201);
    const { submissionId } = await res.json();
    const stored = (await db.submission.findUniqueOrThrow({ where: { id: submissionId } })).code;
    const digest = (s: string) => createHash("sha256").update(s).digest("hex"); // no megabyte-long diff on failure
    expect(digest(stored)).toBe(digest(code));
  });

  it("answers a database failure with a JSON 503 the page can word, and stores nothing", async () => {
    const before = await db.submission.count();
    // SQLite busy past its timeout, as Prisma reports it.
    const busy = vi.spyOn(db, "$transaction").mockRejectedValueOnce(Object.assign(new Error("Operation has timed out"), { code: "P1008" }));
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { bytes, contentType } = await multipart({ taskId, code: new Blob(["export const x = 1;"]) });
    const res = await POST(streamedPost(bytes, contentType).req);
    busy.mockRestore();
    quiet.mockRestore();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: { code: "server.unavailable" } });
    expect(await db.submission.count()).toBe(before);
  });

  it("still needs a session", async () => {
    const user = session.user;
    session.user = null;
    const { bytes, contentType } = await multipart({ taskId, code: "export {}" });
    expect((await POST(streamedPost(bytes, contentType).req)).status).toBe(401);
    session.user = user;
  });
});
