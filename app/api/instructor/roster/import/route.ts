import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { getLocale } from "@/i18n/locale";
import { requireInstructor } from "@/server/instructor/access";
import { deliverImport, publicOrigin } from "@/server/roster/deliver";
import { importRoster } from "@/server/roster/import";
import { smtpTransport } from "@/server/roster/mailer";
import { readRosterUpload } from "@/server/roster/roster-request";
import { rosterErrorStatus } from "@/server/roster/roster-status";

/**
 * Imports the roster file into the current course (judged again, as the preview did) and
 * answers with the invitation links. `courseId`, the course the page was shown for, must still
 * be the current course (409 otherwise: nothing is imported into another course).
 */
export async function POST(req: Request) {
  const user = await requireInstructor();
  if (!user) return NextResponse.json({ ok: false, error: { code: "roster.forbidden" } }, { status: 403 });
  const upload = await readRosterUpload(req);
  if (!upload.ok) return NextResponse.json({ ok: false, error: upload.error }, { status: upload.status });
  const imported = await importRoster(user, await cookies(), upload.bytes, upload.courseId);
  if (!imported.ok) return NextResponse.json(imported, { status: rosterErrorStatus(imported.error.code) });
  const delivered = await deliverImport(imported, { origin: publicOrigin(req.url), locale: await getLocale(), transport: smtpTransport() });
  // The links are secrets: never cached anywhere.
  return NextResponse.json(delivered, { status: 201, headers: { "cache-control": "no-store" } });
}
