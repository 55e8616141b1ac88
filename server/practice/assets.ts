/**
 * The practice bundle's files, as the web server hands them out: only the files the current
 * manifest lists, under the current hash (immutable, cached by browsers for good).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PRACTICE_DIR, PRACTICE_MANIFEST, practiceManifest, type PracticeManifest } from "./manifest";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

/** The current manifest, or null when the bundle was not built (practice is then unavailable). */
export function currentPracticeManifest(): PracticeManifest | null {
  try {
    return practiceManifest.parse(JSON.parse(fs.readFileSync(PRACTICE_MANIFEST, "utf8")));
  } catch {
    return null;
  }
}

export function practiceAsset(hash: string, file: string): { bytes: Buffer; type: string } | null {
  const manifest = currentPracticeManifest();
  if (!manifest || manifest.hash !== hash || !Object.prototype.hasOwnProperty.call(manifest.files, file)) return null;
  const type = TYPES[path.extname(file)];
  if (!type) return null;
  try {
    return { bytes: fs.readFileSync(path.join(PRACTICE_DIR, hash, file)), type };
  } catch {
    return null;
  }
}
