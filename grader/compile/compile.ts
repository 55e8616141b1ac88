/** The grader's compile phase: the shared sequence (compile-source.ts) with types read from disk. */
import { compileSource, type CompileOutcome } from "./compile-source";
import { typeCheck } from "./typecheck";

export type { CompileFailure, CompileOutcome } from "./compile-source";

export async function compileSubmission(source: string, opts: { typeCheck: boolean }): Promise<CompileOutcome> {
  return compileSource(source, opts.typeCheck ? typeCheck : null);
}
