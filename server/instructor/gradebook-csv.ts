/**
 * The gradebook as CSV for a spreadsheet: one row per student, a column per task, totals.
 * UTF-8 with a byte-order mark, so spreadsheet programs keep accented names intact.
 */
import { stringify } from "csv-stringify/sync";
import type { Gradebook } from "./gradebook";

export function gradebookCsv(book: Gradebook): string {
  const header = ["name", "email", ...book.tasks.map((t) => t.slug), "total", "max_total"];
  const rows = book.rows.map((r) => [r.student.name, r.student.email, ...book.tasks.map((t) => r.grades[t.slug]?.points ?? ""), r.total, book.maxTotal]);
  return "\uFEFF" + stringify([header, ...rows], { record_delimiter: "\r\n" });
}
