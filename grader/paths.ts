/** Where the grader's files live, resolved once from this file's place in the repository. */
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const EXERCISES_DIR = path.join(REPO_ROOT, "exercises");
export const NODE_MODULES = path.join(REPO_ROOT, "node_modules");
