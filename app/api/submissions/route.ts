import { NextResponse } from "next/server";
import { MAX_UPLOAD_BYTES } from "@/server/submissions/upload";
import { currentUser } from "@/server/auth";
import { createSubmission } from "@/server/submissions/create";

const invalid = (status: number, code: string, params?: object) => NextResponse.json({ ok: false, error: { code, params } }, { status });

/** Hand in code: multipart with `taskId` and either `file` (an upload) or `code` (the editor's text). */
export async function POST(req: Request) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ ok: false, error: { code: "auth.required" } }, { status: 401 });
  // Refuse an oversized body before reading it into memory.
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return invalid(413, "upload.tooLarge", { maxKb: MAX_UPLOAD_BYTES / 1024, kb: Math.ceil(length / 1024) });
  const form = await req.formData().catch(() => null);
  const taskId = form?.get("taskId");
  if (!form || typeof taskId !== "string") return invalid(400, "request.invalid");
  const file = form.get("file");
  const code = form.get("code");
  let bytes: Uint8Array;
  let fileName: string | null = null;
  if (file instanceof File) {
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = file.name;
  } else if (code instanceof Blob) {
    bytes = new Uint8Array(await code.arrayBuffer()); // the editor's text, byte for byte
  } else if (typeof code === "string") {
    bytes = new TextEncoder().encode(code);
  } else {
    return invalid(400, "request.invalid");
  }
  const result = await createSubmission(user, taskId, bytes, fileName);
  if (!result.ok) return NextResponse.json(result, { status: result.error.code.startsWith("task.") ? 404 : 400 });
  return NextResponse.json(result, { status: 201 });
}
