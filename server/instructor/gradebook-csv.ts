/**
 * The gradebook as CSV for a spreadsheet: one row per student, a column per task, totals.
 * UTF-8 with a byte-order mark, so spreadsheet programs keep accented names intact.
 *
 * Two formats. "standard": commas, decimal points and fixed machine headers (slugs), for
 * scripts and for spreadsheets in English. "br": what Excel and LibreOffice set to Portuguese
 * (Brazil) open directly with a double click: semicolons between cells (the comma is the
 * decimal separator there), decimal commas, and headers in the reader's language with the
 * tasks' titles.
 */
import { stringify } from "csv-stringify/sync";
import { dictionary, type Locale } from "../../i18n/dictionary";
import { slugify } from "../courses/course-slug";
import type { Gradebook } from "./gradebook";

export type CsvFormat = "standard" | "br";

export function isCsvFormat(value: unknown): value is CsvFormat {
  return value === "standard" || value === "br";
}

/**
 * A text cell starting with one of these is read as a formula by Excel, LibreOffice or
 * Google Sheets (a tab or carriage return can hide one behind it). Students register
 * themselves, so their names and emails are attacker-controlled: "=HYPERLINK(...)" as a name
 * would run in the instructor's spreadsheet. OWASP's advice for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made inert by prefixing a single quote, which spreadsheets show as text and do
 * not display. Numbers (scores, totals) are left as numbers so they stay summable.
 */
export function neutraliseCell(value: string | number): string | number {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A number with a decimal comma ("6,5"), no thousands separator: what a pt-BR spreadsheet reads as a number. */
export function decimalComma(value: number): string {
  return String(value).replace(".", ",");
}

export function gradebookCsv(book: Gradebook, opts: { format?: CsvFormat; locale?: Locale } = {}): string {
  const br = opts.format === "br";
  const t = dictionary(opts.locale ?? "pt-BR").instructor.csv;
  const header = br
    ? [t.name, t.email, ...book.tasks.map((task) => (opts.locale === "en" ? task.titleEn : task.titlePt) || task.slug), t.total, t.maxTotal]
    : ["name", "email", ...book.tasks.map((task) => task.slug), "total", "max_total"];
  const rows = book.rows.map((r) => [r.student.name, r.student.email, ...book.tasks.map((task) => r.grades[task.slug]?.points ?? ""), r.total, book.maxTotal]);
  // Every cell, the header too: task slugs come from folder names, and one rule is easier to trust.
  // Numbers are neutralised as numbers (never quoted), then written with the format's decimal mark.
  const cells = [header, ...rows].map((row) => row.map(neutraliseCell).map((c) => (br && typeof c === "number" ? decimalComma(c) : c)));
  return "\uFEFF" + stringify(cells, { record_delimiter: "\r\n", delimiter: br ? ";" : "," });
}

/**
 * The file's name: the course and its term, so exports of several courses and terms never
 * overwrite one another in a downloads folder ("treino-redes-neurais-2026-2-notas.csv").
 * ASCII only (accents dropped), safe in a Content-Disposition header as it is.
 */
export function gradebookFileName(course: { title: string; term: string }, format: CsvFormat): string {
  const name = ["treino", slugify(course.title) || "turma", slugify(course.term)].filter(Boolean).join("-");
  return format === "br" ? `${name}-notas-planilha-br.csv` : `${name}-notas.csv`;
}
