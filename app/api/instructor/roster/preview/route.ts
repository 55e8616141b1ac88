import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { requireInstructor } from "@/server/instructor/access";
import { previewForInstructor } from "@/server/roster/import";
import { readRosterUpload } from "@/server/roster/roster-request";
import { rosterErrorStatus } from "@/server/roster/roster-status";

/**
 * A roster file's preview for the current course: what importing each row would do, and each
 * row's problems. Writes nothing. `courseId` (the course the page was shown for), when sent,
 * must still be the current course.
 */
export async function POST(req: Request) {
  const user = await requireInstructor();
  if (!user) return NextResponse.json({ ok: false, error: { code: "roster.forbidden" } }, { status: 403 });
  const upload = await readRosterUpload(req);
  if (!upload.ok) return NextResponse.json({ ok: false, error: upload.error }, { status: upload.status });
  const preview = await previewForInstructor(user, await cookies(), upload.bytes, upload.courseId ?? undefined);
  return NextResponse.json(preview, { status: preview.ok ? 200 : rosterErrorStatus(preview.error.code) });
}
