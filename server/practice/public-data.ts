/**
 * The public data files practice runs download (written at start by scripts/setup.ts from
 * grader/practice/public-data.ts): served to signed-in users, by task.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { env } from "../env";

/** The file each task's practice downloads, if it needs one. */
const FILES: Record<string, string> = { "imdb-sentiment": "imdb-sentiment.bin" };

export const practiceDataDir = () => path.join(env.DATA_DIR, "practice");

export const practiceNeedsData = (slug: string): boolean => Object.prototype.hasOwnProperty.call(FILES, slug);

export function practiceDataAvailable(slug: string): boolean {
  return practiceNeedsData(slug) && fs.existsSync(/*turbopackIgnore: true*/ path.join(practiceDataDir(), FILES[slug]));
}

export function practiceDataFile(slug: string): Buffer | null {
  if (!practiceNeedsData(slug)) return null;
  const name = FILES[slug];
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ path.join(practiceDataDir(), name));
  } catch {
    return null;
  }
}
