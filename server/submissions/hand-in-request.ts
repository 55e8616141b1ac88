/**
 * A hand-in request as it arrives over HTTP: a multipart body with `taskId` and either `file`
 * (an upload) or `code` (the editor's text). The body is read with a hard cap before it is
 * parsed, so an oversized upload is refused without ever being held whole in memory.
 */
import { z } from "zod";
import { readLimitedBody } from "./read-limited-body";
import { MAX_UPLOAD_BYTES } from "./upload";

/** The file's own limit plus room for the multipart framing and the other fields. */
export const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

export type HandInRequest =
  | { ok: true; taskId: string; bytes: Uint8Array; fileName: string | null }
  | { ok: false; status: 400 | 413; error: { code: "request.invalid" } | { code: "upload.tooLarge"; params: { maxKb: number; kb: number } } };

// A cuid is 25 characters; anything far longer is not an id worth a database lookup.
const fields = z.object({ taskId: z.string().min(1).max(100) });

const tooLarge = (bytes: number): HandInRequest => ({
  ok: false,
  status: 413,
  error: { code: "upload.tooLarge", params: { maxKb: MAX_UPLOAD_BYTES / 1024, kb: Math.ceil(bytes / 1024) } },
});
const invalid: HandInRequest = { ok: false, status: 400, error: { code: "request.invalid" } };

export async function readHandIn(req: Request): Promise<HandInRequest> {
  // An honest Content-Length that is already too large is refused without reading a byte;
  // a missing or lying one is caught while reading.
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) return tooLarge(declared);
  const body = await readLimitedBody(req.body, MAX_REQUEST_BYTES);
  // At the cut-off the size is only known to be at least this much.
  if (!body.ok) return tooLarge(body.received);

  const contentType = req.headers.get("content-type");
  if (!contentType) return invalid;
  const form = await new Response(body.bytes, { headers: { "content-type": contentType } }).formData().catch(() => null);
  const parsed = fields.safeParse({ taskId: form?.get("taskId") });
  if (!form || !parsed.success) return invalid;

  const file = form.get("file");
  const code = form.get("code");
  if (file instanceof File) return { ok: true, taskId: parsed.data.taskId, bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name };
  // The editor's text, byte for byte (sent as a Blob so no re-encoding touches it).
  if (code instanceof Blob) return { ok: true, taskId: parsed.data.taskId, bytes: new Uint8Array(await code.arrayBuffer()), fileName: null };
  if (typeof code === "string") return { ok: true, taskId: parsed.data.taskId, bytes: new TextEncoder().encode(code), fileName: null };
  return invalid;
}
