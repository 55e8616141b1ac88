/**
 * The compile sequence, shared by the grader (Node) and the browser practice run: syntax, the
 * import rule, types, then TypeScript -> CommonJS with a source map, so every later error can
 * point at the student's own line. TypeScript is the only compiler on both sides, so a
 * practice run and a grading say the same thing about the same file. Only how the type checker
 * reads declaration files differs (the disk, or a bundle of them in the browser).
 */
import ts from "typescript";
import { findDisallowedImports } from "./imports";
import { COMPILED_NAME, SOURCE_NAME, SubmissionSourceMap } from "./source-map";
import type { TypeChecker } from "./typecheck-core";

export interface CompileFailure {
  kind: "syntax" | "type" | "import";
  message: string;
  line?: number;
  column?: number;
  params: Record<string, string | number>;
}

export type CompileOutcome =
  | { ok: true; code: string; sourceMap: SubmissionSourceMap; typeChecked: boolean }
  | { ok: false; failure: CompileFailure };

const MAX_TYPE_ERRORS_SHOWN = 5;

/** What the student's module is compiled to: the harness evaluates CommonJS. */
const EMIT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  sourceMap: true,
  removeComments: false,
};

function position(file: ts.SourceFile | undefined, start: number | undefined): { line: number; column: number } {
  if (!file || start == null) return { line: 1, column: 1 };
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return { line: line + 1, column: character + 1 };
}

/** `checker` is null where types are not checked (the grader's option); syntax always is. */
export function compileSource(source: string, checker: TypeChecker | null): CompileOutcome {
  const emitted = ts.transpileModule(source, { compilerOptions: EMIT_OPTIONS, fileName: SOURCE_NAME, reportDiagnostics: true });
  const syntaxError = emitted.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxError) {
    const detail = ts.flattenDiagnosticMessageText(syntaxError.messageText, "\n");
    const at = position(syntaxError.file, syntaxError.start);
    return { ok: false, failure: { kind: "syntax", message: detail, line: at.line, column: at.column, params: { detail } } };
  }

  const sourceFile = ts.createSourceFile(SOURCE_NAME, source, ts.ScriptTarget.ES2022, true);
  const [bad] = findDisallowedImports(sourceFile);
  if (bad) {
    return {
      ok: false,
      failure: { kind: "import", message: `import of '${bad.specifier}' is not allowed`, line: bad.line, column: bad.column, params: { module: bad.specifier } },
    };
  }

  if (checker) {
    const errors = checker(source);
    if (errors.length) {
      const shown = errors.slice(0, MAX_TYPE_ERRORS_SHOWN).map((e) => `${SOURCE_NAME}:${e.line}:${e.column} ${e.message}`);
      const more = errors.length > MAX_TYPE_ERRORS_SHOWN ? `\n(+${errors.length - MAX_TYPE_ERRORS_SHOWN} more)` : "";
      return {
        ok: false,
        failure: {
          kind: errors[0].syntactic ? "syntax" : "type",
          message: shown.join("\n") + more,
          line: errors[0].line,
          column: errors[0].column,
          params: { detail: errors[0].message, count: errors.length },
        },
      };
    }
  }

  // The emitted file ends with a pointer to its map, which the harness has no use for.
  const code = emitted.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  const map = JSON.parse(emitted.sourceMapText!);
  map.file = COMPILED_NAME;
  map.sources = [SOURCE_NAME];
  return { ok: true, code, sourceMap: new SubmissionSourceMap(JSON.stringify(map)), typeChecked: checker !== null };
}
