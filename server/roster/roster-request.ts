/**
 * A roster upload as it arrives over HTTP: a multipart body with `file` and `courseId` (the
 * course the roster page was shown for; null when the request has none). The body is read
 * with a hard cap before it is parsed (the hand-in's reader), so an oversized file is refused
 * without ever being held whole in memory.
 */
import { readLimitedBody } from "../submissions/read-limited-body";
import { MAX_ROSTER_BYTES, tooLarge, type RosterError } from "./preview";

/** The file's own limit plus room for the multipart framing. */
export const MAX_ROSTER_REQUEST_BYTES = MAX_ROSTER_BYTES + 16 * 1024;

export type RosterRequest = { ok: true; bytes: Uint8Array; courseId: string | null } | { ok: false; status: 400 | 413; error: RosterError | { code: "request.invalid" } };

const invalid: RosterRequest = { ok: false, status: 400, error: { code: "request.invalid" } };

export async function readRosterUpload(req: Request): Promise<RosterRequest> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_ROSTER_REQUEST_BYTES) return { ...tooLarge(declared), status: 413 };
  const body = await readLimitedBody(req.body, MAX_ROSTER_REQUEST_BYTES);
  if (!body.ok) return { ...tooLarge(body.received), status: 413 };
  const contentType = req.headers.get("content-type");
  if (!contentType?.startsWith("multipart/form-data")) return invalid;
  const form = await new Response(body.bytes, { headers: { "content-type": contentType } }).formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return invalid;
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_ROSTER_BYTES) return { ...tooLarge(bytes.byteLength), status: 413 };
  const courseId = form?.get("courseId");
  return { ok: true, bytes, courseId: typeof courseId === "string" ? courseId : null };
}
