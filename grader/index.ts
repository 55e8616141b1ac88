/** Treino's grader as a library: one entry point and its results contract. Knows nothing of the web. */
export { gradeSubmission, GraderError, DEFAULT_SEED, MAX_CODE_BYTES, type GradeOptions } from "./grade-submission";
export { gradeResult, FAILURE_KINDS, type GradeResult, type FailureKind, type ProgressEvent, type CheckResult, type LocalizedText } from "./result";
export { taskSlugs, loadTask } from "./tasks/registry";
export type { TaskSpec, Profile, RuleOverrides } from "./tasks/types";
