"use client";
/**
 * Importing a roster: choose a CSV, see what each line would do (and what is wrong with the
 * lines that cannot be imported), confirm, then get the invitation links: each with a copy
 * button, all of them as CSV, and what the invitation emails did. The server judges the file
 * again on confirming; nothing is written before.
 */
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { PreviewRow } from "@/server/roster/classify";
import type { DeliveredImport } from "@/server/roster/deliver";
import type { RosterPreview } from "@/server/roster/preview";
import { CopyLink } from "./copy-link";

type Dict = ReturnType<typeof dictionary>["roster"];
type ErrorCode = keyof Dict["errors"];
type Failure = { ok: false; error: { code: ErrorCode; params?: Record<string, number> } };

const button = "rounded px-4 py-2 disabled:opacity-60";
const ENCODINGS: Record<RosterPreview["encoding"], string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16", "utf-16be": "UTF-16", "windows-1252": "Windows-1252 (Excel)" };

function errorText(t: Dict, f: Failure): string {
  const word = t.errors[f.error.code] as (p: Record<string, number>) => string;
  return word ? word(f.error.params ?? {}) : t.errors["request.invalid"]();
}

function download(name: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Outcome({ t, row }: { t: Dict; row: PreviewRow }) {
  if (row.action) {
    const text = row.action === "enroll" ? t.actions.enroll : row.newAccount ? t.actions.invite : t.actions.inviteAgain;
    return <span className="text-emerald-800">{text}{row.accountName && row.accountName !== row.name ? ` (${t.accountName({ name: row.accountName })})` : ""}</span>;
  }
  return (
    <ul className="text-red-700">
      {row.problems.map((p) => <li key={p}>{p === "email.duplicate" ? t.problems[p]({ line: row.firstLine ?? 0 }) : t.problems[p]()}</li>)}
    </ul>
  );
}

/** `courseId`: the course the page was shown for; the server refuses the file if it is no longer current. */
export function RosterImport({ locale, courseId, maxRows, maxKb }: { locale: Locale; courseId: string; maxRows: number; maxKb: number }) {
  const d = dictionary(locale);
  const t = d.roster;
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<"reading" | "importing" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [done, setDone] = useState<DeliveredImport | null>(null);

  async function send(route: "preview" | "import", chosen: File) {
    const form = new FormData();
    form.append("file", chosen);
    form.append("courseId", courseId);
    const res = await fetch(`/api/instructor/roster/${route}`, { method: "POST", body: form });
    return (await res.json().catch(() => ({ ok: false, error: { code: "request.invalid" } }))) as RosterPreview | DeliveredImport | Failure;
  }

  async function onPreview(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const chosen = input.current?.files?.[0];
    if (!chosen) return setError(t.errors["request.invalid"]());
    setBusy("reading");
    setError(null);
    setDone(null);
    const body = await send("preview", chosen);
    setBusy(null);
    if (!body.ok) return setError(errorText(t, body as Failure));
    setFile(chosen);
    setPreview(body as RosterPreview);
  }

  async function onImport() {
    if (!file) return;
    setBusy("importing");
    setError(null);
    const body = await send("import", file);
    setBusy(null);
    if (!body.ok) return setError(errorText(t, body as Failure));
    setDone(body as DeliveredImport);
    setPreview(null);
    router.refresh(); // the course list below, with the new students
  }

  function reset() {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(null);
    setChosen(null);
    if (input.current) input.current.value = "";
  }

  const importable = preview ? preview.counts.invite + preview.counts.enroll : 0;
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="roster-import">
      <h2 id="roster-import" className="text-lg font-semibold">{t.importTitle}</h2>
      <p className="text-sm text-slate-600">{t.importHelp({ maxRows, maxKb })}</p>
      <form onSubmit={onPreview} className="space-y-3">
        {/* The browser's own file button speaks the browser's language: ours speaks the page's. */}
        <div className="text-sm">
          <span id="roster-file-label" className="font-medium">{t.file}</span>
          <div className="mt-1 flex min-w-0 flex-wrap items-center gap-3">
            <label className="cursor-pointer rounded bg-slate-100 px-3 py-1 hover:bg-slate-200 focus-within:ring-2 focus-within:ring-indigo-500">
              <input
                ref={input}
                type="file"
                name="file"
                accept=".csv,.txt,text/csv"
                aria-labelledby="roster-file-label"
                className="sr-only"
                onChange={(e) => { setChosen(e.target.files?.[0]?.name ?? null); setPreview(null); setDone(null); setError(null); }}
              />
              {d.task.chooseFile}
            </label>
            <span className="min-w-0 break-all text-slate-600">{chosen ?? d.task.noFile}</span>
          </div>
        </div>
        <button type="submit" disabled={busy != null || !chosen} className={`${button} border border-indigo-600 text-indigo-700`}>{busy === "reading" ? t.reading : t.preview}</button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}

      {preview && (
        <div className="space-y-3" data-testid="roster-preview">
          <h3 className="font-semibold">{t.previewTitle}</h3>
          <p className="text-sm text-slate-600">{t.readAs({ encoding: ENCODINGS[preview.encoding], delimiter: t.delimiters[preview.delimiter] })}</p>
          <p className="text-sm" data-testid="roster-counts">{t.counts(preview.counts)}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100">
                <tr><th className="px-2 py-1">{t.line}</th><th className="px-2 py-1">{t.name}</th><th className="hidden px-2 py-1 md:table-cell">{t.email}</th><th className="px-2 py-1">{t.outcome}</th></tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} className={`border-t border-slate-200 align-top ${row.action ? "" : "bg-red-50"}`} data-testid={row.action ? "roster-row-ok" : "roster-row-bad"}>
                    <td className="px-2 py-1">{row.line}</td>
                    <td className="px-2 py-1">
                      {row.name}
                      {/* On a phone the address goes under the name. */}
                      <span className="block break-all text-xs text-slate-600 md:hidden">{row.email}</span>
                    </td>
                    <td className="hidden break-all px-2 py-1 md:table-cell">{row.email}</td>
                    <td className="px-2 py-1"><Outcome t={t} row={row} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {importable > 0 ? (
              <button type="button" onClick={onImport} disabled={busy != null} className={`${button} bg-indigo-600 text-white`}>{busy === "importing" ? t.importing : t.confirm({ n: importable })}</button>
            ) : (
              <p className="text-sm text-red-700">{t.nothingToImport}</p>
            )}
            <button type="button" onClick={reset} disabled={busy != null} className={`${button} border border-slate-300`}>{t.chooseAnother}</button>
          </div>
        </div>
      )}

      {done && (
        <div className="space-y-3" data-testid="roster-done">
          <p role="status" className="font-medium text-emerald-800">{t.done({ invited: done.invited.length, enrolled: done.enrolled.length, skipped: done.skipped })}</p>
          <p className="text-sm">
            {!done.mail.configured ? t.mailOff : t.mailSent({ sent: done.mail.sent })}
            {done.mail.failed.length > 0 && <span className="block text-red-700">{t.mailFailed({ emails: done.mail.failed.join(", ") })}</span>}
          </p>
          {done.invited.length > 0 && (
            <>
              <h3 className="font-semibold">{t.linksTitle}</h3>
              <p className="text-sm text-slate-600">{t.linksHelp({ days: done.days })}</p>
              <ul className="space-y-2" data-testid="invitation-links">
                {done.invited.map((i) => (
                  <li key={i.userId} className="min-w-0">
                    <p className="text-sm font-medium">{i.name} <span className="break-all font-normal text-slate-600">{i.email}</span></p>
                    <CopyLink locale={locale} link={i.link} label={t.linkOf({ name: i.name })} />
                  </li>
                ))}
              </ul>
              <div className="flex flex-wrap gap-3">
                <button type="button" onClick={() => download("convites.csv", done.csv.standard)} className={`${button} border border-indigo-600 text-indigo-700`}>{t.downloadCsv}</button>
                <button type="button" onClick={() => download("convites-planilha-br.csv", done.csv.br)} className={`${button} border border-indigo-600 text-indigo-700`}>{t.downloadCsvBr}</button>
              </div>
            </>
          )}
          <button type="button" onClick={reset} className={`${button} border border-slate-300`}>{t.chooseAnother}</button>
        </div>
      )}
    </section>
  );
}
