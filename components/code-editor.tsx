"use client";
import { javascript } from "@codemirror/lang-javascript";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";

const extensions = [javascript({ typescript: true }), EditorView.lineWrapping];

/** The TypeScript editor (CodeMirror, bundled with the app: nothing loads from elsewhere). */
export function CodeEditor({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      height="28rem"
      basicSetup={{ tabSize: 2 }}
      aria-label={label}
      className="overflow-hidden rounded border border-slate-300 text-sm"
    />
  );
}
