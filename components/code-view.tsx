"use client";
/**
 * The submitted code: highlighted as TypeScript (CodeMirror, read-only), the failure's line
 * marked and scrolled into view, a copy button, and the changes since the same student's
 * previous submission of the task.
 */
import { javascript } from "@codemirror/lang-javascript";
import CodeMirror, { Decoration, EditorView, type Extension } from "@uiw/react-codemirror";
import { useMemo, useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { PreviousAttempt } from "@/server/submissions/previous-attempt";

const baseExtensions: Extension[] = [
  javascript({ typescript: true }),
  EditorView.lineWrapping,
  EditorView.theme({ ".cm-failure-line": { backgroundColor: "#fee2e2" } }),
];

/** Marks the line a failure points at; the attributes let tests and screen readers find it. */
function failureLine(line: number): Extension {
  return EditorView.decorations.of((view) => {
    const doc = view.state.doc;
    if (line < 1 || line > doc.lines) return Decoration.none;
    const mark = Decoration.line({ class: "cm-failure-line", attributes: { "data-highlighted": "true", "data-line": String(line) } });
    return Decoration.set([mark.range(doc.line(line).from)]);
  });
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard permission, or not a secure context
  }
}

export function CodeView({ code, highlightLine, previous, locale }: { code: string; highlightLine?: number; previous: PreviousAttempt | null; locale: Locale }) {
  const t = dictionary(locale).submission;
  const [tab, setTab] = useState<"code" | "diff">("code");
  const [copied, setCopied] = useState<boolean | null>(null);
  const extensions = useMemo(() => (highlightLine ? [...baseExtensions, failureLine(highlightLine)] : baseExtensions), [highlightLine]);
  const tabClass = (active: boolean) => `rounded px-2 py-1 ${active ? "bg-indigo-100 font-medium text-indigo-900" : "text-slate-600 hover:bg-slate-100"}`;

  return (
    <figure className="rounded border border-slate-200 bg-white" data-testid="code">
      <figcaption className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm">
        <span className="mr-auto font-medium">{t.code}</span>
        <div role="tablist" aria-label={t.codeTabs} className="flex gap-1">
          <button type="button" role="tab" aria-selected={tab === "code"} className={tabClass(tab === "code")} onClick={() => setTab("code")}>{t.codeTab}</button>
          <button type="button" role="tab" aria-selected={tab === "diff"} className={tabClass(tab === "diff")} onClick={() => setTab("diff")}>{t.diffTab}</button>
        </div>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
          onClick={async () => setCopied(await copyText(code))}
        >
          {t.copy}
        </button>
        <span role="status" className="basis-full text-right text-xs text-slate-600 empty:hidden sm:basis-auto">{copied == null ? "" : copied ? t.copied : t.copyFailed}</span>
      </figcaption>
      {tab === "code" ? (
        <CodeMirror
          value={code}
          editable={false}
          readOnly
          extensions={extensions}
          maxHeight="28rem"
          basicSetup={{ foldGutter: false, highlightActiveLine: false, highlightActiveLineGutter: false, autocompletion: false, closeBrackets: false }}
          aria-label={t.code}
          className="text-xs"
          onCreateEditor={(view) => {
            // Scroll to the failure's line, as the page opens on the failure.
            if (highlightLine && highlightLine <= view.state.doc.lines) {
              view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(highlightLine).from, { y: "center" }) });
            }
          }}
        />
      ) : (
        <DiffView previous={previous} highlightLine={highlightLine} t={t} />
      )}
    </figure>
  );
}

function DiffView({ previous, highlightLine, t }: { previous: PreviousAttempt | null; highlightLine?: number; t: ReturnType<typeof dictionary>["submission"] }) {
  if (!previous) return <p className="p-3 text-sm text-slate-600" data-testid="diff">{t.firstAttempt}</p>;
  const added = previous.diff.filter((l) => l.kind === "added").length;
  const removed = previous.diff.filter((l) => l.kind === "removed").length;
  return (
    <div data-testid="diff">
      <p className="border-b border-slate-100 px-3 py-2 text-sm text-slate-600">
        {added + removed === 0 ? t.noChanges({ attempt: previous.attempt }) : t.diffAgainst({ attempt: previous.attempt, added, removed })}
      </p>
      <ol className="max-h-[28rem] overflow-auto py-2 font-mono text-xs leading-5">
        {previous.diff.map((l, i) => {
          const failing = l.kind !== "removed" && l.newLine === highlightLine;
          const tone = l.kind === "added" ? "bg-emerald-50 text-emerald-900" : l.kind === "removed" ? "bg-red-50 text-red-900" : "";
          return (
            <li key={i} data-kind={l.kind} data-failure-line={failing || undefined} className={`flex whitespace-pre ${tone} ${failing ? "outline outline-1 -outline-offset-1 outline-red-400" : ""}`}>
              <span className="w-9 shrink-0 select-none pr-2 text-right text-slate-400">{l.oldLine ?? ""}</span>
              <span className="w-9 shrink-0 select-none pr-2 text-right text-slate-400">{l.newLine ?? ""}</span>
              <span className="w-4 shrink-0 select-none text-center" aria-label={l.kind === "same" ? undefined : l.kind === "added" ? t.added : t.removed}>{l.kind === "added" ? "+" : l.kind === "removed" ? "−" : ""}</span>
              <span className="pr-3">{l.text || " "}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
