/**
 * Which parts of a result have something to show. A grading that stops at compilation (a
 * syntax, type or import failure) never starts a sandbox: no backend, no tfjs version, no
 * training; its page shows the failure and the checks, not empty placeholders.
 */
import type { GradeResult } from "../../grader/result";

export interface ResultSections {
  /** The sandbox started: backend, tfjs version, seed, isolation and timings mean something. */
  environment: boolean;
  /** Some model trained for at least one epoch. */
  curves: boolean;
  /** Several training runs (seeds) were scored. */
  runs: boolean;
  metrics: boolean;
}

export function resultSections(result: Pick<GradeResult, "environment" | "curves" | "runs" | "metrics">): ResultSections {
  return {
    environment: result.environment.tfjsVersion != null || result.environment.backend != null,
    curves: Object.values(result.curves).some((points) => points.length > 0),
    runs: (result.runs?.each.length ?? 0) > 1,
    metrics: Object.keys(result.metrics).length > 0,
  };
}
