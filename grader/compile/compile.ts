/**
 * Compiles a submission: syntax, the import rule, types, then TypeScript -> CommonJS with
 * a source map, so every later error can point at the student's own line.
 */
import * as esbuild from "esbuild";
import ts from "typescript";
import { findDisallowedImports } from "./imports";
import { SubmissionSourceMap, SOURCE_NAME, COMPILED_NAME } from "./source-map";
import { typeCheck } from "./typecheck";

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

export async function compileSubmission(source: string, opts: { typeCheck: boolean }): Promise<CompileOutcome> {
  let compiled: esbuild.TransformResult;
  try {
    compiled = await esbuild.transform(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcemap: "external",
      sourcefile: SOURCE_NAME,
      logLevel: "silent",
    });
  } catch (err) {
    const first = (err as esbuild.TransformFailure).errors?.[0];
    if (!first) throw err;
    return {
      ok: false,
      failure: {
        kind: "syntax",
        message: first.text,
        line: first.location?.line,
        column: first.location ? first.location.column + 1 : undefined,
        params: { detail: first.text },
      },
    };
  }

  const sourceFile = ts.createSourceFile(SOURCE_NAME, source, ts.ScriptTarget.ES2022, true);
  const [bad] = findDisallowedImports(sourceFile);
  if (bad) {
    return {
      ok: false,
      failure: { kind: "import", message: `import of '${bad.specifier}' is not allowed`, line: bad.line, column: bad.column, params: { module: bad.specifier } },
    };
  }

  if (opts.typeCheck) {
    const errors = typeCheck(source);
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

  const map = JSON.parse(compiled.map);
  map.file = COMPILED_NAME;
  return { ok: true, code: compiled.code, sourceMap: new SubmissionSourceMap(JSON.stringify(map)), typeChecked: opts.typeCheck };
}
