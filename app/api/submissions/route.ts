import { NextResponse } from "next/server";
import { currentUser } from "@/server/auth";
import { createSubmission } from "@/server/submissions/create";
import { readHandIn } from "@/server/submissions/hand-in-request";

/** Hand in code: multipart with `taskId` and either `file` (an upload) or `code` (the editor's text). */
export async function POST(req: Request) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ ok: false, error: { code: "auth.required" } }, { status: 401 });
  const handIn = await readHandIn(req);
  if (!handIn.ok) return NextResponse.json({ ok: false, error: handIn.error }, { status: handIn.status });
  let result: Awaited<ReturnType<typeof createSubmission>>;
  try {
    result = await createSubmission(user, handIn.taskId, handIn.bytes, handIn.fileName);
  } catch (err) {
    // The database could not store it (busy past its timeout, disk full): nothing was stored or
    // counted, and the student is told so in their language instead of a bare 500.
    console.error("hand-in not stored:", err);
    return NextResponse.json({ ok: false, error: { code: "server.unavailable" } }, { status: 503 });
  }
  if (!result.ok) return NextResponse.json(result, { status: result.error.code.startsWith("task.") ? 404 : 400 });
  return NextResponse.json(result, { status: 201 });
}
