/** The submitted code with line numbers, the failure's line highlighted and scrolled into view. */
"use client";
import { useEffect, useRef } from "react";

export function CodeView({ code, highlightLine, label }: { code: string; highlightLine?: number; label: string }) {
  const marked = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // A block body: newer browsers return a Promise from scrollIntoView, which React
    // would otherwise take for this effect's cleanup function.
    void marked.current?.scrollIntoView({ block: "center" });
  }, [highlightLine]);
  return (
    <figure className="rounded border border-slate-200 bg-white">
      <figcaption className="border-b border-slate-200 px-3 py-2 text-sm font-medium">{label}</figcaption>
      <ol className="max-h-96 overflow-auto py-2 font-mono text-xs leading-5">
        {code.split("\n").map((line, i) => {
          const hit = i + 1 === highlightLine;
          return (
            <li key={i} ref={hit ? marked : undefined} data-line={i + 1} data-highlighted={hit || undefined} className={`flex whitespace-pre ${hit ? "bg-red-100" : ""}`}>
              <span className="w-10 shrink-0 select-none pr-3 text-right text-slate-400">{i + 1}</span>
              <span className={hit ? "text-red-900" : ""}>{line || " "}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
