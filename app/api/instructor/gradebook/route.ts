import { getLocale } from "@/i18n/locale";
import { instructorCourse, requireInstructor } from "@/server/instructor/access";
import { gradebook } from "@/server/instructor/gradebook";
import { gradebookCsv, isCsvFormat } from "@/server/instructor/gradebook-csv";

/** The gradebook as CSV: ?format=br for Portuguese spreadsheets (";", decimal comma), else the standard one. */
export async function GET(req: Request) {
  const user = await requireInstructor();
  if (!user) return new Response("forbidden", { status: 403 });
  const course = await instructorCourse(user);
  if (!course) return new Response("no course", { status: 404 });
  const requested = new URL(req.url).searchParams.get("format");
  const format = isCsvFormat(requested) ? requested : "standard";
  const csv = gradebookCsv(await gradebook(course.id), { format, locale: await getLocale() });
  const name = format === "br" ? `treino-${course.slug}-notas-planilha-br.csv` : `treino-${course.slug}-notas.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
