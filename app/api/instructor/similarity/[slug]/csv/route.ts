import { getLocale } from "@/i18n/locale";
import { isCsvFormat } from "@/server/instructor/gradebook-csv";
import { similarityAccess } from "@/server/similarity/access";
import { similarityCsv } from "@/server/similarity/csv";
import { modeInput } from "@/server/similarity/inputs";
import { minPercentInput, similarityReport } from "@/server/similarity/report";

/** The report's pairs from the threshold (?min=percent, ?mode=), as CSV (?format=br for Portuguese spreadsheets). 404 to anyone but an instructor of the task. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const access = await similarityAccess((await params).slug);
  if (!access) return new Response("not found", { status: 404 });
  const query = new URL(req.url).searchParams;
  const mode = modeInput.parse(query.get("mode") ?? undefined);
  const min = minPercentInput.parse(query.get("min") ?? undefined);
  const requested = query.get("format");
  const format = isCsvFormat(requested) ? requested : "standard";
  const report = await similarityReport(access.task, mode, { min: min / 100 });
  const csv = similarityCsv(report.pairs, { format, locale: await getLocale() });
  const name = `treino-${access.task.slug}-similaridade${format === "br" ? "-planilha-br" : ""}.csv`;
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}
