/**
 * A task's statement with its figures filled in from the task itself, so the text cannot
 * drift from what grades it. Placeholders, in the markdown:
 *
 *   {{threshold.<check>.full}}   {{threshold.<check>.partial}}   {{points.<check>}}
 *   {{runs}}                     training runs a grade is the median of (full profile)
 *   {{calibration.seeds}}        number of seeds per calibrated file
 *   {{calibration.files}}        number of calibrated files (reference + variants)
 *   {{calibration.<file>.<metric>.<min|median|max>}}   <file>: reference, a variant's name, or `worst`
 *   {{calibration.environment.backend}} ... and `.tfjsVersion`, `.graderVersion`
 *
 * Numbers are written the locale's way (0,016 in pt-BR). An unknown placeholder throws
 * unless `missing` says what to write instead: tests render every statement strictly, so a
 * typo fails there; the web app writes a dash rather than fail the task page.
 */
import type { Calibration } from "./calibration";
import { worstMedian } from "./calibration";
import type { CheckRule } from "./types";

export type StatementLocale = "pt-BR" | "en";

export function formatFigure(value: number, locale: StatementLocale): string {
  if (Number.isInteger(value)) return value.toLocaleString(locale === "en" ? "en-US" : "pt-BR");
  return value.toLocaleString(locale === "en" ? "en-US" : "pt-BR", { maximumSignificantDigits: 3, useGrouping: false });
}

export function renderStatement(
  markdown: string,
  locale: StatementLocale,
  sources: { rules: Record<string, CheckRule>; runs: number; calibration: Calibration | null; lowerIsBetter: (metric: string) => boolean },
  missing?: (key: string) => string,
): string {
  return markdown.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, key: string) => {
    const value = lookup(key, sources);
    if (value === undefined) {
      if (missing) return missing(key);
      throw new Error(`statement placeholder {{${key}}} has no value`);
    }
    return typeof value === "number" ? formatFigure(value, locale) : value;
  });
}

function lookup(key: string, s: Parameters<typeof renderStatement>[2]): number | string | undefined {
  const [head, ...rest] = key.split(".");
  // Check ids may hold dots themselves (rnn.error): the last part says which figure.
  if (head === "threshold") {
    const which = rest.pop() as "full" | "partial";
    return s.rules[rest.join(".")]?.threshold?.[which];
  }
  if (head === "points") return s.rules[rest.join(".")]?.points;
  if (head === "runs") return s.runs;
  if (head !== "calibration" || !s.calibration) return undefined;
  const c = s.calibration;
  if (rest[0] === "seeds") return c.seeds.length;
  if (rest[0] === "files") return c.entries.length;
  if (rest[0] === "variants") return c.entries.length - 1;
  if (rest[0] === "environment") {
    const v = c.environment[rest[1] as keyof Calibration["environment"]];
    return typeof v === "string" || typeof v === "number" ? v : undefined;
  }
  // <file>.<metric>.<stat>; a metric may hold dots itself (rnn.mae).
  const [file, ...tail] = rest;
  const stat = tail.pop() as "min" | "median" | "max";
  const metric = tail.join(".");
  if (file === "worst") return stat === "median" ? worstMedian(c, metric, s.lowerIsBetter(metric))?.value : undefined;
  return c.entries.find((e) => e.name === file)?.metrics[metric]?.[stat];
}
