/** The parts of an exercise folder a student may see: the statement and the starter, never the solution. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Locale } from "@/i18n/dictionary";
import type { Calibration } from "@/grader/tasks/calibration";
import type { CheckRule } from "@/grader/tasks/types";
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

/**
 * The statement in the locale, its thresholds and calibration figures filled in from the
 * task as synced from its spec (the web app never loads exercise code) and its calibration.json.
 */
export function statementOf(task: { slug: string; checkRules: unknown; taskRuns: number; calibrated: unknown }, locale: Locale): string {
  const own = read(task.slug, `statement.${locale}.md`);
  const markdown = own ?? read(task.slug, "statement.pt-BR.md") ?? "";
  const calibration = read(task.slug, "calibration.json");
  const calibrated = (task.calibrated ?? []) as { metric: string; lowerIsBetter: boolean }[];
  return renderStatement(markdown, own ? locale : "pt-BR", {
    rules: (task.checkRules ?? {}) as Record<string, CheckRule>,
    runs: task.taskRuns,
    calibration: calibration ? (JSON.parse(calibration) as Calibration) : null,
    lowerIsBetter: (metric) => calibrated.find((c) => c.metric === metric)?.lowerIsBetter ?? true,
  }, () => "—");
}

/**
 * The tasks `exercises/` holds now: every folder with a spec. Read from the folder names only
 * (the web app never loads exercise code); the specs' data reach the database at start.
 */
export function exerciseSlugs(): string[] {
  try {
    return fs
      .readdirSync(/*turbopackIgnore: true*/ EXERCISES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^[a-z0-9-]+$/.test(d.name) && fs.existsSync(/*turbopackIgnore: true*/ path.join(EXERCISES, d.name, "spec.ts")))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

export function starterOf(slug: string): string {
  return read(slug, "starter.ts") ?? 'import * as tf from "@tensorflow/tfjs";\n';
}
