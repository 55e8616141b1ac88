"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { CodeEditor } from "./code-editor";

type UploadMessages = ReturnType<typeof dictionary>["upload"];

export function SubmitPanel({ locale, taskId, initialCode, starter }: { locale: Locale; taskId: string; initialCode: string; starter: string }) {
  const d = dictionary(locale);
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.set("taskId", taskId);
    if (file) form.set("file", file);
    // As a blob, not a text field: form fields turn every newline into CRLF.
    else form.set("code", new Blob([code], { type: "text/plain" }));
    const res = await fetch("/api/submissions", { method: "POST", body: form });
    const body = (await res.json().catch(() => ({ ok: false, error: { code: "request.invalid" } }))) as {
      ok: boolean;
      submissionId?: string;
      error?: { code: keyof UploadMessages; params?: Record<string, unknown> };
    };
    if (body.ok && body.submissionId) return router.push(`/submissions/${body.submissionId}`);
    setBusy(false);
    const message = d.upload[body.error?.code ?? "request.invalid"] as ((p: unknown) => string) | undefined;
    setError(message ? message(body.error?.params ?? {}) : d.upload["request.invalid"]());
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">{d.task.editor}</h2>
        <button type="button" onClick={() => setCode(starter)} className="text-sm text-slate-600 underline">{d.task.resetStarter}</button>
      </div>
      <CodeEditor value={code} onChange={setCode} label={d.task.editorLabel} />
      <label className="block text-sm">
        <span className="text-slate-700">{d.task.upload}</span>
        <input
          type="file"
          name="file"
          accept=".ts,text/typescript"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
        />
      </label>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {busy ? d.task.submitting : d.task.submit}
      </button>
    </form>
  );
}
