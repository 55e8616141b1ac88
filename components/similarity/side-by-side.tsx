/**
 * Two programs side by side (stacked on a phone), each matching fragment numbered where it
 * starts on both sides and coloured by its number (server/similarity/highlight.ts cuts the
 * lines; where fragments overlap, the first one's colour shows).
 * Each pane scrolls sideways on its own, so the page never does.
 */
import { highlightLines, type Range } from "@/server/similarity/highlight";

/** Light backgrounds that stay apart for colour-blind readers (with the numbers as the real key). */
export const FRAGMENT_COLOURS = ["bg-amber-200", "bg-sky-200", "bg-lime-200", "bg-fuchsia-200", "bg-orange-200", "bg-teal-200", "bg-violet-200", "bg-rose-200"];

export const fragmentColour = (i: number) => FRAGMENT_COLOURS[i % FRAGMENT_COLOURS.length];

function Pane({ side, title, code, ranges, href, linkText }: { side: "left" | "right"; title: string; code: string; ranges: Range[]; href: string; linkText: string }) {
  const lines = highlightLines(code, ranges);
  return (
    <figure className="min-w-0 rounded border border-slate-200 bg-white" data-testid={`code-${side}`}>
      <figcaption className="flex flex-wrap items-baseline gap-x-3 border-b border-slate-200 px-3 py-2 text-sm">
        <span className="font-medium">{title}</span>
        <a href={href} className="text-indigo-700 underline">{linkText}</a>
      </figcaption>
      <div className="overflow-x-auto">
        <pre className="min-w-max py-2 font-mono text-xs leading-5">
          {lines.map((segments, row) => (
            <div key={row} id={`${side}-${row + 1}`} className="flex">
              <span className="w-10 shrink-0 select-none pr-3 text-right text-slate-400">{row + 1}</span>
              <code className="whitespace-pre pr-3">
                {segments.length === 0 ? " " : segments.map((s, i) => {
                  // Each fragment numbered where it starts, whichever fragment colours the text.
                  const numbers = s.starts.length > 0 && <sup className={`mr-0.5 rounded px-0.5 font-sans font-semibold text-slate-900 ring-1 ring-slate-500 ${fragmentColour(s.starts[0])}`} data-starts={s.starts.map((n) => n + 1).join(",")}>{s.starts.map((n) => n + 1).join(",")}</sup>;
                  return s.fragment == null ? (
                    <span key={i}>{numbers}{s.text}</span>
                  ) : (
                    <mark key={i} className={`${fragmentColour(s.fragment)} text-slate-900`} data-fragment={s.fragment + 1}>{numbers}{s.text}</mark>
                  );
                })}
              </code>
            </div>
          ))}
        </pre>
      </div>
    </figure>
  );
}

export function SideBySide(props: {
  left: { title: string; code: string; href: string };
  right: { title: string; code: string; href: string };
  fragments: number[][];
  linkText: string;
}) {
  const leftRanges = props.fragments.map((f) => f.slice(0, 4) as Range);
  const rightRanges = props.fragments.map((f) => f.slice(4, 8) as Range);
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="side-by-side">
      <Pane side="left" title={props.left.title} code={props.left.code} ranges={leftRanges} href={props.left.href} linkText={props.linkText} />
      <Pane side="right" title={props.right.title} code={props.right.code} ranges={rightRanges} href={props.right.href} linkText={props.linkText} />
    </div>
  );
}
