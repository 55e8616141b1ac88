/**
 * Where the browser practice bundle lives (built by scripts/build-practice.ts) and what its
 * manifest says: the build's hash (part of every asset URL, so browsers may cache forever),
 * its files, and the tasks that have a practice run.
 */
import * as path from "node:path";
import { z } from "zod";

export const PRACTICE_DIR = path.join(process.cwd(), ".cache", "practice");
export const PRACTICE_MANIFEST = path.join(PRACTICE_DIR, "current.json");

export const practiceManifest = z.object({
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  files: z.record(z.string(), z.object({ bytes: z.number().int().nonnegative() })),
  tasks: z.array(z.string()),
});
export type PracticeManifest = z.infer<typeof practiceManifest>;
