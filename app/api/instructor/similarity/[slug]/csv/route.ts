import { getLocale } from "@/i18n/locale";
import { slugify } from "@/server/courses/course-slug";
import { isCsvFormat } from "@/server/instructor/gradebook-csv";
import { similarityRouteAccess } from "@/server/similarity/access";
import { similarityCsv } from "@/server/similarity/csv";
import { modeInput } from "@/server/similarity/inputs";
import { minPercentInput, similarityReport } from "@/server/similarity/report";

/**
 * The report's pairs from the threshold (?min=percent, ?mode=), as CSV (?format=br for
 * Portuguese spreadsheets), named after the course, its term and the task. The current
 * course's task; 404 to anyone but one of its instructors, 409 for a link made for another
 * course's task (`?task=`, the current course switched since).
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const query = new URL(req.url).searchParams;
  const access = await similarityRouteAccess((await params).slug, query.get("task"));
  if ("error" in access) return new Response(access.error, { status: access.error === "courseChanged" ? 409 : 404 });
  const mode = modeInput.parse(query.get("mode") ?? undefined);
  const min = minPercentInput.parse(query.get("min") ?? undefined);
  const requested = query.get("format");
  const format = isCsvFormat(requested) ? requested : "standard";
  const report = await similarityReport(access.task, mode, { min: min / 100 });
  const csv = similarityCsv(report.pairs, { format, locale: await getLocale() });
  // As the gradebook's: "treino-redes-neurais-recorrentes-2026-2-next-number-similaridade.csv".
  const { course } = access.task;
  const name = ["treino", slugify(course.title) || "turma", slugify(course.term), access.task.slug, "similaridade"].filter(Boolean).join("-");
  const file = `${name}${format === "br" ? "-planilha-br" : ""}.csv`;
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
  });
}
