"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { ArchivedRefusal } from "@/server/courses/archive";
import type { RuleRefusal } from "@/server/rules/refusal";
import { CodeEditor } from "./code-editor";
import { clearDraft, draftKey, readDraft, saveDraft } from "./editor-draft";
import type { PracticeBundle } from "./practice/practice-host";
import { PracticeView } from "./practice/practice-view";
import { usePracticeRun } from "./practice/use-practice-run";

type UploadMessages = ReturnType<typeof dictionary>["upload"];
type Messages = ReturnType<typeof dictionary>["task"];

/** How long typing must pause before the draft is written (every keystroke would be wasteful). */
const DRAFT_DELAY_MS = 600;

/** The refusals that close the task's window (an archived course closes them all); a used-up daily limit is not one (see the task page). */
export type WindowRefusal = Exclude<RuleRefusal, { code: "rules.limit" }> | ArchivedRefusal;

function refusalText(t: Messages, r: WindowRefusal): string {
  if (r.code === "course.archived") return t.blocked["course.archived"]();
  return r.code === "rules.notOpen" ? t.blocked["rules.notOpen"](r.params) : t.blocked["rules.closed"](r.params);
}

export function SubmitPanel({
  locale,
  userId,
  taskId,
  taskSlug,
  initialCode,
  starter,
  refusal,
  practice,
}: {
  locale: Locale;
  userId: string;
  taskId: string;
  taskSlug: string;
  /** The browser practice run's bundle, or null where this server cannot offer one. */
  practice: PracticeBundle | null;
  /** What the editor loads without a draft: the last submission, or the starter. */
  initialCode: string;
  starter: string;
  /** Set when the task's window refuses submissions now (not open yet, or closed). */
  refusal: WindowRefusal | null;
}) {
  const d = dictionary(locale);
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draftStatus, setDraftStatus] = useState<"restored" | "saved" | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const practiceRun = usePracticeRun(practice, taskSlug);
  const resetDialog = useRef<HTMLDialogElement>(null);
  const key = draftKey(userId, taskId);
  // Drafts are written only after the stored one was read: the first render must not
  // overwrite it with the server's code.
  const [draftsReady, setDraftsReady] = useState(false);
  // The restored code, so that re-saving it unchanged keeps saying "restored".
  const restored = useRef<string | null>(null);

  useEffect(() => {
    const draft = readDraft(window.localStorage, key);
    if (draft && draft.code !== initialCode) {
      restored.current = draft.code;
      setCode(draft.code);
      setDraftStatus("restored");
    }
    setDraftsReady(true);
  }, [key, initialCode]);

  useEffect(() => {
    if (!draftsReady) return;
    const timer = window.setTimeout(() => {
      const stored = saveDraft(window.localStorage, key, code, initialCode);
      setDraftStatus(!stored ? null : code === restored.current ? "restored" : "saved");
    }, DRAFT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [code, draftsReady, key, initialCode]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (refusal) return;
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.set("taskId", taskId);
    if (file) form.set("file", file);
    // As a blob, not a text field: form fields turn every newline into CRLF.
    else form.set("code", new Blob([code], { type: "text/plain" }));
    type Reply = { ok: boolean; submissionId?: string; error?: { code: keyof UploadMessages; params?: Record<string, unknown> } };
    // No answer, or one that is not ours (a proxy's error page): the server did not store it.
    const unavailable: Reply = { ok: false, error: { code: "server.unavailable" } };
    const res = await fetch("/api/submissions", { method: "POST", body: form }).catch(() => null);
    const body: Reply = res ? await res.json().catch(() => (res.status >= 500 ? unavailable : { ok: false, error: { code: "request.invalid" } })) : unavailable;
    if (body.ok && body.submissionId) {
      // The editor's code is now the last submission, which the page loads anyway. A file
      // hand-in leaves the editor's draft alone: that work was not sent.
      if (!file) clearDraft(window.localStorage, key);
      return router.push(`/submissions/${body.submissionId}`);
    }
    setBusy(false);
    const message = d.upload[body.error?.code ?? "request.invalid"] as ((p: unknown) => string) | undefined;
    setError(message ? message(body.error?.params ?? {}) : d.upload["request.invalid"]());
  }

  function resetToStarter() {
    resetDialog.current?.close();
    clearDraft(window.localStorage, key);
    restored.current = null;
    setCode(starter);
  }

  function removeFile() {
    if (fileInput.current) fileInput.current.value = "";
    setFile(null);
  }

  const lines = code.split("\n").length;

  return (
    <>
    <form onSubmit={submit} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <h2 className="font-semibold">{d.task.editor}</h2>
        <p aria-live="polite" className="text-xs text-slate-500" data-testid="draft-status">
          {draftStatus === "restored" ? d.task.draftRestored : draftStatus === "saved" ? d.task.draftSaved : ""}
        </p>
        <button type="button" onClick={() => resetDialog.current?.showModal()} className="text-sm text-slate-600 underline">{d.task.resetStarter}</button>
      </div>
      <div className={file ? "opacity-60" : undefined}>
        <CodeEditor value={code} onChange={setCode} label={d.task.editorLabel} />
      </div>
      {/* The browser's own file button speaks the browser's language: ours speaks the page's. */}
      <div className="text-sm">
        <span id="upload-label" className="text-slate-700">{d.task.upload}</span>
        <div className="mt-1 flex min-w-0 flex-wrap items-center gap-3">
          <label className="cursor-pointer rounded bg-slate-100 px-3 py-1 hover:bg-slate-200 focus-within:ring-2 focus-within:ring-indigo-500">
            <input
              ref={fileInput}
              type="file"
              name="file"
              accept=".ts,text/typescript"
              aria-labelledby="upload-label"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="sr-only"
            />
            {d.task.chooseFile}
          </label>
          <span className="min-w-0 break-all text-slate-600">{file ? file.name : d.task.noFile}</span>
        </div>
      </div>
      {file && (
        <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="file-notice">
          <span className="min-w-0 break-words">{d.task.fileChosen({ name: file.name })}</span>
          <button type="button" onClick={removeFile} className="font-medium underline">{d.task.removeFile}</button>
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy || refusal != null}
          aria-describedby={refusal ? "submit-refusal" : undefined}
          className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {busy ? d.task.submitting : d.task.submit}
        </button>
        {/* Practice runs the editor's code (not an upload) in this browser: nothing is sent or stored. */}
        {practice ? (
          <button
            type="button"
            onClick={() => practiceRun.start(code)}
            disabled={practiceRun.running}
            className="rounded border border-indigo-300 bg-white px-4 py-2 font-medium text-indigo-800 hover:bg-indigo-50 disabled:cursor-not-allowed disabled:opacity-60"
            data-testid="practice-start"
          >
            {practiceRun.running ? d.practice.busy : d.practice.button}
          </button>
        ) : (
          <p className="text-sm text-slate-600">{d.practice.unavailable}</p>
        )}
        {refusal && <p id="submit-refusal" className="text-sm text-red-700" data-testid="submit-refusal">{refusalText(d.task, refusal)}</p>}
      </div>
      <dialog
        ref={resetDialog}
        aria-labelledby="reset-title"
        aria-describedby="reset-body"
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id="reset-title" className="text-lg font-semibold">{d.task.resetTitle}</h2>
        <p id="reset-body" className="mt-2 text-sm text-slate-700">{d.task.resetBody({ lines })}</p>
        <div className="mt-4 flex flex-wrap justify-end gap-3">
          {/* Cancel first and focused: the safe choice is the default one. */}
          <button type="button" autoFocus onClick={() => resetDialog.current?.close()} className="rounded border border-slate-300 px-4 py-2 text-sm">{d.task.cancel}</button>
          <button type="button" onClick={resetToStarter} className="rounded bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800">{d.task.resetConfirm}</button>
        </div>
      </dialog>
    </form>
    <PracticeView state={practiceRun.state} locale={locale} elapsedMs={practiceRun.elapsedMs} hostError={practiceRun.hostError} onStop={practiceRun.stop} />
    </>
  );
}
