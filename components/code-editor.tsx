"use client";
import { javascript } from "@codemirror/lang-javascript";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";

// Wrapped lines: a long line never makes the editor (or a phone's page) wider than its card.
const extensions = [javascript({ typescript: true }), EditorView.lineWrapping];

/** The TypeScript editor (CodeMirror, bundled with the app: nothing loads from elsewhere). */
export function CodeEditor({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      height="28rem"
      width="100%"
      basicSetup={{ tabSize: 2 }}
      aria-label={label}
      className="min-w-0 max-w-full overflow-hidden rounded border border-slate-300 text-sm"
    />
  );
}
