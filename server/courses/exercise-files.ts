/** The parts of an exercise folder a student may see: the statement and the starter, never the solution. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Locale } from "@/i18n/dictionary";
import type { Calibration } from "@/grader/tasks/calibration";
import { loadTask } from "@/grader/tasks/registry";
import { renderStatement } from "@/grader/tasks/statement";

const EXERCISES = path.join(process.cwd(), "exercises");

function read(slug: string, file: string): string | null {
  if (!/^[a-z0-9-]+$/.test(slug)) return null;
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ path.join(EXERCISES, slug, file), "utf8");
  } catch {
    return null;
  }
}

/** The statement in the locale, its thresholds and calibration figures filled in from the task. */
export async function statementOf(slug: string, locale: Locale): Promise<string> {
  const own = read(slug, `statement.${locale}.md`);
  const markdown = own ?? read(slug, "statement.pt-BR.md") ?? "";
  const spec = await loadTask(slug);
  if (!spec) return markdown;
  const calibration = read(slug, "calibration.json");
  return renderStatement(markdown, own ? locale : "pt-BR", {
    rules: spec.rules.full,
    runs: spec.runs.full,
    calibration: calibration ? (JSON.parse(calibration) as Calibration) : null,
    lowerIsBetter: (metric) => spec.calibrated.find((c) => c.metric === metric)?.lowerIsBetter ?? true,
  });
}

export function starterOf(slug: string): string {
  return read(slug, "starter.ts") ?? 'import * as tf from "@tensorflow/tfjs";\n';
}
