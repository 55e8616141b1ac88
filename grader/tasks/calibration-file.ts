/** Where a task's calibration lives, and reading it (for `npm run calibrate` and the tests). */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../paths";
import type { Calibration } from "./calibration";

export function calibrationFile(slug: string): string {
  return path.join(REPO_ROOT, "exercises", slug, "calibration.json");
}

export function loadCalibration(slug: string): Calibration | null {
  const file = calibrationFile(slug);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Calibration) : null;
}
