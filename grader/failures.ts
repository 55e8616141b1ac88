/**
 * Turns what went wrong into the result's `failure`: one kind, the student's line, and the
 * message in both languages. Stacks are mapped to the student's .ts before anyone sees them.
 */
import { text, type MessageCode } from "./i18n/messages";
import type { Failure, FailureKind } from "./result";
import type { SubmissionSourceMap } from "./compile/source-map";
import type { SandboxOutcome } from "./sandbox/run-sandbox";

type Params = Record<string, string | number>;

export function makeFailure(kind: FailureKind, code: MessageCode, params: Params, extra: Partial<Failure> = {}): Failure {
  const t = text(code, { ...params, ...(extra.line ? { line: extra.line } : {}) });
  return { kind, message: t.en, text: t, ...extra };
}

/** What the sandbox forbids shows up as ordinary errors inside it: name those for what they are. */
const SANDBOX_ERROR = /ERR_ACCESS_DENIED|ERR_DLOPEN_DISABLED|loading addons is disabled|Access to this API has been restricted|is not allowed in a submission|\bEACCES\b|\bEPERM\b|spawn .* ENOENT|not allowed: only @tensorflow/;

export function errorFailure(
  kind: "exception" | "memory" | "internal",
  phase: string,
  error: { name: string; message: string; stack: string },
  sourceMap: SubmissionSourceMap,
  memoryLimitMb: number,
): Failure {
  const mapped = sourceMap.mapStack(error.stack || `${error.name}: ${error.message}`);
  const where = mapped.first ? { line: mapped.first.line, column: mapped.first.column } : {};
  const detail = `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`.slice(0, 2000);
  if (kind === "internal") return makeFailure("internal", "failure.internal", { detail }, { phase });
  if (kind === "exception" && SANDBOX_ERROR.test(`${error.message} ${error.stack}`)) {
    return makeFailure("sandbox", "failure.sandbox", { reason: detail }, { ...where, phase, stack: mapped.stack });
  }
  if (kind === "memory") return makeFailure("memory", "failure.memory", { phase, limitMb: memoryLimitMb, detail }, { ...where, phase, stack: mapped.stack });
  return makeFailure("exception", "failure.exception", { phase, detail }, { ...where, phase, stack: mapped.stack });
}

/** The child ended without reporting a failure of its own: read why from how it ended. */
export function outcomeFailure(outcome: SandboxOutcome, phase: string, memoryLimitMb: number): Failure {
  const stopped = outcome.stoppedFor;
  // Before `load`, no student code has run: whatever ended the child is the grader's problem.
  if (phase === "start" || phase === "boot") {
    const detail = outcome.stderrTail.trim().split("\n").slice(-3).join(" ").slice(0, 500) || (stopped?.kind === "sandbox" ? stopped.reason : `exit ${outcome.exitCode ?? outcome.signal}`);
    return makeFailure("internal", "failure.internal", { detail: `the sandbox did not start: ${detail}` }, { phase });
  }
  if (stopped?.kind === "timeout") {
    return makeFailure("timeout", "failure.timeout", { phase: stopped.phase, seconds: Math.round(stopped.limitMs / 1000) }, { phase: stopped.phase });
  }
  if (outcome.oomKilled || /heap out of memory|Allocation failed|Out of memory/i.test(outcome.stderrTail)) {
    return makeFailure("memory", "failure.memory", { phase, limitMb: memoryLimitMb }, { phase });
  }
  if (stopped?.kind === "sandbox") return makeFailure("sandbox", "failure.sandbox", { reason: stopped.reason }, { phase });
  if (outcome.signal === "SIGXCPU") {
    return makeFailure("timeout", "failure.timeout", { phase, seconds: 0 }, { phase });
  }
  if (outcome.signal === "SIGSYS") return makeFailure("sandbox", "failure.sandbox", { reason: "a forbidden system call" }, { phase });
  if (outcome.signal === "SIGXFSZ") return makeFailure("sandbox", "failure.sandbox", { reason: "writing a file" }, { phase });
  const how = outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`;
  return makeFailure("sandbox", "failure.sandbox", { reason: `the grading process ended early (${how})` }, { phase });
}
