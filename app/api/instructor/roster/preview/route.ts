import { NextResponse } from "next/server";
import { requireInstructor } from "@/server/instructor/access";
import { previewForInstructor } from "@/server/roster/import";
import { readRosterUpload } from "@/server/roster/roster-request";

/** A roster file's preview: what importing each row would do, and each row's problems. Writes nothing. */
export async function POST(req: Request) {
  const user = await requireInstructor();
  if (!user) return NextResponse.json({ ok: false, error: { code: "roster.forbidden" } }, { status: 403 });
  const upload = await readRosterUpload(req);
  if (!upload.ok) return NextResponse.json({ ok: false, error: upload.error }, { status: upload.status });
  const preview = await previewForInstructor(user, upload.bytes);
  return NextResponse.json(preview, { status: preview.ok ? 200 : preview.error.code === "roster.forbidden" ? 403 : 400 });
}
