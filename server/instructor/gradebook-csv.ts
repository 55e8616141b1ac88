/**
 * The gradebook as CSV for a spreadsheet: one row per student, a column per task, totals.
 * UTF-8 with a byte-order mark, so spreadsheet programs keep accented names intact.
 */
import { stringify } from "csv-stringify/sync";
import type { Gradebook } from "./gradebook";

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

export function gradebookCsv(book: Gradebook): string {
  const header = ["name", "email", ...book.tasks.map((t) => t.slug), "total", "max_total"];
  const rows = book.rows.map((r) => [r.student.name, r.student.email, ...book.tasks.map((t) => r.grades[t.slug]?.points ?? ""), r.total, book.maxTotal]);
  // Every cell, the header too: task slugs come from folder names, and one rule is easier to trust.
  const cells = [header, ...rows].map((row) => row.map(neutraliseCell));
  return "\uFEFF" + stringify(cells, { record_delimiter: "\r\n" });
}
