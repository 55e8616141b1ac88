/**
 * The grader's type checker: TypeScript's lib files and TensorFlow.js's declarations read from
 * this installation's disk (see typecheck-core.ts for what is checked and how).
 */
import ts from "typescript";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../paths";
import { createTypeChecker, type DeclarationFiles, type TypeChecker } from "./typecheck-core";

export type { TypeError } from "./typecheck-core";

/** The disk, as the checker reads it; `onRead` sees every file it opens (the browser bundle's list). */
export function diskDeclarationFiles(onRead?: (file: string) => void): DeclarationFiles {
  return {
    root: REPO_ROOT,
    libDir: path.dirname(ts.getDefaultLibFilePath({})),
    readFile: (f) => {
      const text = ts.sys.readFile(f);
      if (text !== undefined) onRead?.(f);
      return text;
    },
    fileExists: (f) => ts.sys.fileExists(f),
    directoryExists: (d) => ts.sys.directoryExists(d),
    getDirectories: (d) => ts.sys.getDirectories(d),
    realpath: (p) => (fs.existsSync(p) ? fs.realpathSync(p) : p),
  };
}

let checker: TypeChecker | null = null;

export function typeCheck(source: string): import("./typecheck-core").TypeError[] {
  checker ??= createTypeChecker(diskDeclarationFiles());
  return checker(source);
}
