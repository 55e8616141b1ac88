/**
 * The team's own batteries of student files, read from disk: cheats in `cheats/<task>/`,
 * valid variants in `variants/<task>/` and pipeline bugs in `pipelines/<task>/`. Each file
 * says in its header what it is:
 *   // cheat: <what it tries>        // zero: <check ids that must earn nothing>
 *   // variant: <what makes it different from the reference>
 *   // pipeline: <the data-preparation bug> (and what must follow: see pipelines.test.ts)
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface BatteryFile {
  task: string;
  name: string;
  code: string;
  /** The header's one line. */
  what: string;
  /** Cheats: the checks that must get 0 points. */
  zero: string[];
}

const WHAT = { cheats: "cheat", variants: "variant", pipelines: "pipeline" } as const;

/** A `// key: value` header line of a battery file, trimmed. */
export function header(code: string, key: string): string | undefined {
  return code.match(new RegExp(`^//\\s*${key}:\\s*(.*)$`, "m"))?.[1]?.trim();
}

export function battery(kind: keyof typeof WHAT, task: string): BatteryFile[] {
  const dir = path.join(__dirname, kind, task);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort().map((file) => {
    const code = fs.readFileSync(path.join(dir, file), "utf8");
    const what = header(code, WHAT[kind]);
    if (!what) throw new Error(`${kind}/${task}/${file} has no '// ${WHAT[kind]}:' header`);
    const zero = (header(code, "zero") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (kind === "cheats" && zero.length === 0) throw new Error(`cheats/${task}/${file} has no '// zero:' header`);
    return { task, name: file.replace(/\.ts$/, ""), code, what, zero };
  });
}
