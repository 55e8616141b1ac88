"use client";
/**
 * A chart's frame: its visible title, and its text summary for screen readers. The drawing is
 * one image named by that summary, so a reader hears the numbers instead of SVG fragments.
 */
import { useId, type ReactNode } from "react";

export function ChartFrame({ title, summary, testId, children, footer }: { title: string; summary: string; testId?: string; children: ReactNode; footer?: ReactNode }) {
  const summaryId = useId();
  return (
    // min-w-0: inside a grid, a chart may shrink below its SVG's width instead of overflowing on phones.
    <figure className="min-w-0 rounded border border-slate-200 bg-white p-3" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <p id={summaryId} className="sr-only" data-testid="chart-summary">{summary}</p>
      <div role="img" aria-labelledby={summaryId}>{children}</div>
      {footer}
    </figure>
  );
}
