import { getLocale } from "@/i18n/locale";
import { instructorContext } from "@/server/instructor/access";
import { gradebook } from "@/server/instructor/gradebook";
import { gradebookCsv, gradebookFileName, isCsvFormat } from "@/server/instructor/gradebook-csv";

/**
 * The current course's gradebook as CSV: ?format=br for Portuguese spreadsheets (";", decimal
 * comma), else the standard one. The file is named after the course and its term. `?course=`,
 * when given (the gradebook page's links give it), must be the current course: a course
 * switched in another tab answers 409 instead of another course's grades under this name.
 */
export async function GET(req: Request) {
  const context = await instructorContext();
  if (!context) return new Response("forbidden", { status: 403 });
  const { course } = context;
  if (!course) return new Response("no course", { status: 404 });
  const params = new URL(req.url).searchParams;
  const expected = params.get("course");
  if (expected != null && expected !== course.id) return new Response("the current course changed: reload the gradebook", { status: 409 });
  const requested = params.get("format");
  const format = isCsvFormat(requested) ? requested : "standard";
  const csv = gradebookCsv(await gradebook(course.id), { format, locale: await getLocale() });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${gradebookFileName(course, format)}"`,
      "cache-control": "no-store",
    },
  });
}
