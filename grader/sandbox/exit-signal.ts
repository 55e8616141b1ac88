/**
 * How the sandboxed process really ended. bubblewrap stands between the grader and the
 * harness and reports a child killed by signal N as its own exit code 128+N, so without this
 * the verdicts that hang on the signal never fired: prlimit's CPU limit (SIGXCPU: a timeout)
 * and a seccomp kill (SIGSYS) read as "exit code 152/159".
 *
 * The harness could exit with such a code on purpose; all it gains is a different failure
 * (timeout or sandbox instead of "ended early"), each worth nothing.
 */
import * as os from "node:os";

const BY_NUMBER = new Map<number, NodeJS.Signals>(
  Object.entries(os.constants.signals).map(([name, n]) => [n, name as NodeJS.Signals]),
);

export function endedBy(
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  throughBubblewrap: boolean,
): { exitCode: number | null; signal: NodeJS.Signals | null } {
  if (signal || !throughBubblewrap || exitCode === null || exitCode <= 128) return { exitCode, signal };
  const byCode = BY_NUMBER.get(exitCode - 128);
  return byCode ? { exitCode: null, signal: byCode } : { exitCode, signal };
}
