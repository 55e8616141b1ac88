/**
 * The declaration files the type checker reads, as one JSON bundle for the browser: the same
 * TypeScript lib files and TensorFlow.js declarations the grader reads from disk, under a
 * virtual root. `collect` runs at build time in Node (scripts/build-practice.ts); `open`
 * serves them to the checker in the worker.
 */
import type { DeclarationFiles } from "../compile/typecheck-core";

export interface DeclarationBundle {
  root: string;
  libDir: string;
  files: Record<string, string>;
}

export const VIRTUAL_ROOT = "/treino";

export function openDeclarationBundle(bundle: DeclarationBundle): DeclarationFiles {
  const directories = new Set<string>();
  for (const file of Object.keys(bundle.files)) {
    for (let dir = file.slice(0, file.lastIndexOf("/")); dir.length > 0; dir = dir.slice(0, dir.lastIndexOf("/"))) directories.add(dir);
  }
  return {
    root: bundle.root,
    libDir: bundle.libDir,
    readFile: (f) => bundle.files[f],
    fileExists: (f) => Object.prototype.hasOwnProperty.call(bundle.files, f),
    directoryExists: (d) => directories.has(d.replace(/\/$/, "")),
    getDirectories: (d) => {
      const prefix = d.replace(/\/$/, "") + "/";
      return [...directories].filter((x) => x.startsWith(prefix) && !x.slice(prefix.length).includes("/")).map((x) => x.slice(prefix.length));
    },
    realpath: (p) => p,
  };
}
