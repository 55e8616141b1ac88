/** The parts of an exercise folder a student may see: the statement and the starter, never the solution. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Locale } from "@/i18n/dictionary";

const EXERCISES = path.join(process.cwd(), "exercises");

function read(slug: string, file: string): string | null {
  if (!/^[a-z0-9-]+$/.test(slug)) return null;
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ path.join(EXERCISES, slug, file), "utf8");
  } catch {
    return null;
  }
}

export function statementOf(slug: string, locale: Locale): string {
  return read(slug, `statement.${locale}.md`) ?? read(slug, "statement.pt-BR.md") ?? "";
}

export function starterOf(slug: string): string {
  return read(slug, "starter.ts") ?? 'import * as tf from "@tensorflow/tfjs";\n';
}
