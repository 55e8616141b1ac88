/** Test helpers: grade a file or a code string the way the platform does. */
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeSubmission, type GradeOptions } from "../../grader";
import { REPO_ROOT } from "../../grader/paths";

export const exercise = (slug: string, file: "solution.ts" | "starter.ts") =>
  fs.readFileSync(path.join(REPO_ROOT, "exercises", slug, file), "utf8");

export function grade(task: string, code: string, extra: Partial<GradeOptions> = {}) {
  return gradeSubmission({
    task,
    code,
    profile: "quick",
    ...extra,
    config: { TREINO_SECRET_SEED: "treino-test-suite-secret", ...extra.config },
  });
}

/** 1-based line of the first line containing `marker` in `code`. */
export function lineOf(code: string, marker: string): number {
  const i = code.split("\n").findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`marker ${marker} not in code`);
  return i + 1;
}
