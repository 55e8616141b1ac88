/**
 * Type-checks a submission against TensorFlow.js's own declarations, so `model.fitt(...)`
 * or a number passed where a shape belongs is reported before any training starts.
 *
 * Shared by the grader and the browser: both give the same options and the same virtual
 * file; only `files` differs (the disk in Node, a bundle of the same declaration files in the
 * browser). Declaration files are parsed once per checker and reused: a check then costs the
 * student's file, not the ~2 MB of lib.d.ts and tfjs types again.
 */
import ts from "typescript";

/** Where the checker reads declaration files from; paths are absolute under `root`. */
export interface DeclarationFiles {
  root: string;
  /** The folder of TypeScript's lib.*.d.ts files. */
  libDir: string;
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
  getDirectories(path: string): string[];
  realpath?(path: string): string;
}

export interface TypeError {
  line: number;
  column: number;
  message: string;
  syntactic: boolean;
}

export type TypeChecker = (source: string) => TypeError[];

/** The student's file, as the checker sees it: inside the repository, so node_modules resolve. */
export const virtualSubmissionPath = (root: string) => `${root}/.submission/submission.ts`;

export function typecheckOptions(root: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    strict: false,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    baseUrl: root,
    // tfjs-node is an alias of the same API here (and may not be installed at all).
    paths: { "@tensorflow/tfjs-node": ["node_modules/@tensorflow/tfjs"] },
  };
}

export function createTypeChecker(files: DeclarationFiles): TypeChecker {
  const options = typecheckOptions(files.root);
  const virtualFile = virtualSubmissionPath(files.root);
  const libCache = new Map<string, ts.SourceFile>();
  let oldProgram: ts.Program | undefined;

  return (source) => {
    const host: ts.CompilerHost = {
      getSourceFile(file, lang) {
        if (file === virtualFile) return ts.createSourceFile(file, source, lang, true);
        let sf = libCache.get(file);
        if (!sf) {
          const text = files.readFile(file);
          if (text === undefined) return undefined;
          sf = ts.createSourceFile(file, text, lang, true);
          libCache.set(file, sf);
        }
        return sf;
      },
      getDefaultLibFileName: (o) => `${files.libDir}/${ts.getDefaultLibFileName(o)}`,
      getDefaultLibLocation: () => files.libDir,
      writeFile: () => {},
      getCurrentDirectory: () => files.root,
      getCanonicalFileName: (f) => f,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => "\n",
      fileExists: (f) => f === virtualFile || files.fileExists(f),
      readFile: (f) => (f === virtualFile ? source : files.readFile(f)),
      directoryExists: (d) => files.directoryExists(d),
      getDirectories: (d) => files.getDirectories(d),
      realpath: files.realpath ? (p) => files.realpath!(p) : undefined,
    };
    const program = ts.createProgram({ rootNames: [virtualFile], options, host, oldProgram });
    oldProgram = program;
    const sf = program.getSourceFile(virtualFile)!;
    const toError = (d: ts.Diagnostic, syntactic: boolean): TypeError => {
      const { line, character } = d.file && d.start != null ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
      return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), syntactic };
    };
    const syntactic = program.getSyntacticDiagnostics(sf).map((d) => toError(d, true));
    if (syntactic.length) return syntactic;
    return program.getSemanticDiagnostics(sf).map((d) => toError(d, false));
  };
}
