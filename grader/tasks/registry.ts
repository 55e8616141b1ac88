/**
 * The tasks are the folders of `exercises/` that hold a `spec.ts`: adding a folder adds a
 * task, with no list to update here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EXERCISES_DIR } from "../paths";
import type { TaskSpec } from "./types";

export function taskSlugs(): string[] {
  return fs
    .readdirSync(EXERCISES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(EXERCISES_DIR, d.name, "spec.ts")))
    .map((d) => d.name)
    .sort();
}

const loaded = new Map<string, TaskSpec>();

export async function loadTask(slug: string): Promise<TaskSpec | null> {
  if (!/^[a-z0-9-]+$/.test(slug) || !taskSlugs().includes(slug)) return null;
  let spec = loaded.get(slug);
  if (!spec) {
    const mod = (await import(path.join(EXERCISES_DIR, slug, "spec.ts"))) as { spec?: TaskSpec; default?: { spec?: TaskSpec } };
    spec = mod.spec ?? mod.default?.spec;
    if (!spec) throw new Error(`exercises/${slug}/spec.ts does not export 'spec'`);
    loaded.set(slug, spec);
  }
  return spec;
}
