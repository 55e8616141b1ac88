/**
 * Type-checks a submission against TensorFlow.js's own declarations, so `model.fitt(...)`
 * or a number passed where a shape belongs is reported before any training starts.
 *
 * Declaration files are parsed once per process and reused: a check then costs the
 * student's file, not the ~2 MB of lib.d.ts and tfjs types again.
 */
import ts from "typescript";
import * as path from "node:path";
import { REPO_ROOT } from "../paths";

const VIRTUAL_FILE = path.join(REPO_ROOT, ".submission", "submission.ts");

export const TYPECHECK_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: false,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  baseUrl: REPO_ROOT,
  // tfjs-node is an alias of the same API here (and may not be installed at all).
  paths: { "@tensorflow/tfjs-node": ["node_modules/@tensorflow/tfjs"] },
};

const libCache = new Map<string, ts.SourceFile>();
let oldProgram: ts.Program | undefined;

export interface TypeError {
  line: number;
  column: number;
  message: string;
  syntactic: boolean;
}

export function typeCheck(source: string): TypeError[] {
  const host = ts.createCompilerHost(TYPECHECK_OPTIONS, true);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === VIRTUAL_FILE ? source : readFile(file));
  host.fileExists = ((exists) => (file: string) => file === VIRTUAL_FILE || exists(file))(host.fileExists.bind(host));
  host.getSourceFile = (file, lang, onError, createNew) => {
    if (file === VIRTUAL_FILE) return ts.createSourceFile(file, source, lang, true);
    let sf = libCache.get(file);
    if (!sf) {
      sf = getSourceFile(file, lang, onError, createNew);
      if (sf) libCache.set(file, sf);
    }
    return sf;
  };
  const program = ts.createProgram({ rootNames: [VIRTUAL_FILE], options: TYPECHECK_OPTIONS, host, oldProgram });
  oldProgram = program;
  const sf = program.getSourceFile(VIRTUAL_FILE)!;
  const toError = (d: ts.Diagnostic, syntactic: boolean): TypeError => {
    const { line, character } = d.file && d.start != null ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), syntactic };
  };
  const syntactic = program.getSyntacticDiagnostics(sf).map((d) => toError(d, true));
  if (syntactic.length) return syntactic;
  return program.getSemanticDiagnostics(sf).map((d) => toError(d, false));
}
