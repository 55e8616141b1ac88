/** A table of submissions (attempt, time, status, score), with optional leading columns. */
import Link from "next/link";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { SubmissionRow } from "@/server/submissions/read";


export function SubmissionTable<R extends SubmissionRow>({ locale, rows, lead = [] }: {
  locale: Locale;
  rows: R[];
  /** Extra columns before the attempt: a heading and a cell per row. */
  lead?: { heading: string; cell: (row: R) => React.ReactNode }[];
}) {
  const t = dictionary(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  return (
    <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
      <thead className="bg-slate-100">
        <tr>
          {lead.map((c) => <th key={c.heading} className="px-3 py-2">{c.heading}</th>)}
          <th className="px-3 py-2">{t.task.attempt}</th>
          <th className="px-3 py-2">{t.task.when}</th>
          <th className="px-3 py-2">{t.tasks.status}</th>
          <th className="px-3 py-2">{t.task.score}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-200">
            {lead.map((c) => <td key={c.heading} className="px-3 py-2">{c.cell(r)}</td>)}
            <td className="px-3 py-2"><Link href={`/submissions/${r.id}`} className="text-indigo-700 hover:underline">#{r.attempt}</Link></td>
            <td className="px-3 py-2">{date.format(new Date(r.createdAt))}</td>
            <td className="px-3 py-2">{t.status[r.status as keyof typeof t.status] ?? r.status}{r.failureKind ? ` · ${r.failureKind}` : ""}</td>
            <td className="px-3 py-2">{r.score != null ? `${r.score} / ${r.maxScore}` : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
