/**
 * The report's pairs as CSV, in the gradebook's two formats (server/instructor/gradebook-csv.ts):
 * "standard" (commas, decimal points, machine headers) and "br" (semicolons, decimal commas,
 * headers in the reader's language). Every cell goes through the gradebook's formula guard:
 * students name themselves, and a name like "=HYPERLINK(...)" must stay text.
 */
import { stringify } from "csv-stringify/sync";
import { dictionary, type Locale } from "../../i18n/dictionary";
import { decimalComma, neutraliseCell, type CsvFormat } from "../instructor/gradebook-csv";
import type { ReportPair } from "./report";

export function similarityCsv(pairs: ReportPair[], opts: { format?: CsvFormat; locale?: Locale } = {}): string {
  const br = opts.format === "br";
  const t = dictionary(opts.locale ?? "pt-BR").similarity;
  const header = br
    ? [t.csv.similarity, t.csv.studentA, t.csv.emailA, t.csv.attemptA, t.csv.studentB, t.csv.emailB, t.csv.attemptB, t.csv.longest, t.csv.flag, t.csv.note, t.csv.flaggedBy, t.csv.flaggedAt]
    : ["similarity", "student_a", "email_a", "attempt_a", "student_b", "email_b", "attempt_b", "longest_fragment", "flag", "note", "flagged_by", "flagged_at"];
  const rows = pairs.map((p) => [
    Math.round(p.similarity * 1000) / 1000,
    p.left.name,
    p.left.email,
    p.left.attempt ?? "",
    p.right.name,
    p.right.email,
    p.right.attempt ?? "",
    p.longest,
    p.flag ? (br ? t.flags[p.flag.status] : p.flag.status) : "",
    p.flag?.note ?? "",
    p.flag?.byName ?? "",
    p.flag?.at.toISOString() ?? "",
  ]);
  const cells = [header, ...rows].map((row) => row.map(neutraliseCell).map((c) => (br && typeof c === "number" ? decimalComma(c) : c)));
  return "\uFEFF" + stringify(cells, { record_delimiter: "\r\n", delimiter: br ? ";" : "," });
}
