/**
 * A course's exceptions as a table, on a task's page (by student) or a student's page (by
 * task): what each grants, who granted it and when, and whether it is still in force (with
 * its revoke button) or who revoked it.
 */
import Link from "next/link";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { ExceptionRow } from "@/server/exceptions/list";
import { RevokeExceptionButton } from "./revoke-exception-button";

/** `readOnly` (an archived course): the table without its revoke buttons. */
export function ExceptionTable({ locale, rows, by, readOnly = false }: { locale: Locale; rows: ExceptionRow[]; by: "student" | "task"; readOnly?: boolean }) {
  const t = dictionary(locale).exceptions;
  if (rows.length === 0) return <p className="text-sm text-slate-600" data-testid="exceptions-none">{t.none}</p>;
  const iso = (d: Date) => d.toISOString();
  const terms = (r: ExceptionRow) =>
    [
      r.dueAt && t.dueOn({ at: iso(r.dueAt) }),
      r.lateUntil && t.lateOn({ at: iso(r.lateUntil) }),
      r.extraAttempts != null && t.extra({ n: r.extraAttempts }),
      r.lateCredit != null && t.credit({ percent: Math.round(r.lateCredit * 100) }),
    ].filter((x): x is string => !!x);
  return (
    <div className="overflow-x-auto">
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="exceptions">
        <thead className="bg-slate-100">
          <tr>
            <th className="px-3 py-2">{by === "student" ? t.student : t.task}</th>
            <th className="px-3 py-2">{t.rules}</th>
            <th className="px-3 py-2">{t.record}</th>
            <th className="px-3 py-2"><span className="sr-only">{t.revoke}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`border-t border-slate-200 align-top ${r.revokedAt ? "text-slate-500" : ""}`}>
              <td className="px-3 py-2">
                {by === "student" ? (
                  <>
                    <Link href={`/instructor/students/${r.student.id}`} className="text-indigo-700 hover:underline">{r.student.name}</Link>
                    <span className="block break-all text-xs text-slate-600">{r.student.email}</span>
                  </>
                ) : (
                  <Link href={`/instructor/tasks/${r.task.slug}`} className="text-indigo-700 hover:underline">{locale === "en" ? r.task.titleEn : r.task.titlePt}</Link>
                )}
              </td>
              <td className="px-3 py-2">
                <ul className={r.revokedAt ? "line-through" : ""}>{terms(r).map((x) => <li key={x}>{x}</li>)}</ul>
              </td>
              <td className="px-3 py-2">
                <p>{t.grantedBy({ name: r.grantedBy ?? t.someone, at: iso(r.grantedAt) })}</p>
                <p>{r.revokedAt ? t.revokedBy({ name: r.revokedBy ?? t.someone, at: iso(r.revokedAt) }) : <b className="text-emerald-700">{t.inForce}</b>}</p>
              </td>
              <td className="px-3 py-2">{!r.revokedAt && !readOnly && <RevokeExceptionButton locale={locale} exceptionId={r.id} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
