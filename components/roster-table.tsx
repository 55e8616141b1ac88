"use client";
/** The course's students with their account's state, and a new invitation link for those who have no password yet. */
import Link from "next/link";
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { CopyLink } from "./copy-link";

export interface RosterTableRow {
  id: string;
  name: string;
  email: string;
  account: { state: "active" } | { state: "pending"; expiresAt: string } | { state: "expired" } | { state: "noLink" };
}

type Issued = { ok: true; link: string; name: string } | { ok: false; error: "forbidden" | "hasPassword" | "courseChanged" | "course.archived" };

/**
 * `courseId`: the course the page was shown for (a link is refused once another course is
 * current); `readOnly` (an archived course): no new links.
 */
export function RosterTable({ locale, courseId, rows, readOnly = false }: { locale: Locale; courseId: string; rows: RosterTableRow[]; readOnly?: boolean }) {
  const d = dictionary(locale);
  const t = d.roster;
  const [issued, setIssued] = useState<Record<string, Issued>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function reissue(userId: string) {
    setBusy(userId);
    const res = await fetch("/api/instructor/roster/invitations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, courseId }) });
    const body = (await res.json().catch(() => ({ ok: false, error: "forbidden" }))) as Issued;
    setIssued((prev) => ({ ...prev, [userId]: body }));
    setBusy(null);
  }

  if (rows.length === 0) return <p className="text-slate-600">{t.noStudents}</p>;
  const state = (a: RosterTableRow["account"]) => (a.state === "pending" ? t.status.pending({ at: a.expiresAt }) : t.status[a.state]);
  return (
    <div className="overflow-x-auto">
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="roster">
        <thead className="bg-slate-100">
          <tr><th className="px-3 py-2">{t.name}</th><th className="hidden px-3 py-2 md:table-cell">{t.email}</th><th className="px-3 py-2">{t.account}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const result = issued[r.id];
            return (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">
                  <Link href={`/instructor/students/${r.id}`} className="text-indigo-700 hover:underline">{r.name}</Link>
                  {/* On a phone the address goes under the name: a column of its own would be a few letters wide. */}
                  <span className="block break-all text-xs text-slate-600 md:hidden">{r.email}</span>
                </td>
                <td className="hidden break-all px-3 py-2 md:table-cell">{r.email}</td>
                <td className="px-3 py-2">
                  <span className={r.account.state === "active" ? "text-emerald-700" : r.account.state === "pending" ? "" : "text-amber-800"}>{state(r.account)}</span>
                  {r.account.state !== "active" && !readOnly && (
                    <div className="mt-1 space-y-1">
                      <button type="button" onClick={() => reissue(r.id)} disabled={busy === r.id} className="rounded border border-indigo-600 px-2 py-1 text-xs text-indigo-700 disabled:opacity-50">{t.reissue}</button>
                      {result?.ok && (
                        <div>
                          <p className="text-xs" role="status">{t.reissued({ name: result.name })}</p>
                          <CopyLink locale={locale} link={result.link} label={t.linkOf({ name: result.name })} />
                        </div>
                      )}
                      {result && !result.ok && <p role="alert" className="text-xs text-red-700">{result.error === "courseChanged" || result.error === "course.archived" ? d.courses.errors[result.error] : t.reissueRefused[result.error]}</p>}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
