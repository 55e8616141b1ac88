/**
 * `npm run calibrate [-- <task>...] [--seeds 10] [--profile full]`: grades each task's
 * reference solution and the team's valid variants (tests/grader/variants/<task>/, written
 * unlike the reference) over N seeds, and writes `exercises/<task>/calibration.json`: the
 * versions and backend that graded, the seeds, and every run's metrics, with each file's
 * median. Statements take their figures from that file (grader/tasks/statement.ts), and
 * tests/grader/calibration.test.ts checks every full-marks threshold against it.
 */
import { Command, Option } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeSubmission } from "../grader";
import { REPO_ROOT } from "../grader/paths";
import { spreadOf } from "../grader/phases/runs";
import type { Calibration, CalibrationEntry } from "../grader/tasks/calibration";
import { calibrationFile } from "../grader/tasks/calibration-file";
import { loadTask, taskSlugs } from "../grader/tasks/registry";
import { GRADER_VERSION } from "../grader/version";
import { battery } from "../tests/grader/battery";

/** A fixed installation secret: the same hidden test data on every machine that calibrates. */
const SECRET = "treino-calibration-secret";
const SEED = 1000;

const program = new Command()
  .name("calibrate")
  .argument("[tasks...]", `tasks (default: all): ${taskSlugs().join(", ")}`)
  .option("--seeds <n>", "training runs per file", (v) => Number.parseInt(v, 10), 10)
  .addOption(new Option("--profile <profile>").choices(["full", "quick"]).default("full"))
  .option("--only <names>", "comma-separated file names to (re)grade; the others are kept from the existing file");

async function calibrateTask(slug: string, seeds: number, profile: "full" | "quick", only: Set<string> | null): Promise<void> {
  const spec = await loadTask(slug);
  if (!spec) throw new Error(`unknown task ${slug}`);
  const reference = path.join(REPO_ROOT, "exercises", slug, "solution.ts");
  const files = [
    { name: "reference", file: reference, code: fs.readFileSync(reference, "utf8"), style: "the reference solution" },
    ...battery("variants", slug).map((v) => ({ name: v.name, file: path.join(REPO_ROOT, "tests", "grader", "variants", slug, `${v.name}.ts`), code: v.code, style: v.what })),
  ];
  const previous = fs.existsSync(calibrationFile(slug)) ? (JSON.parse(fs.readFileSync(calibrationFile(slug), "utf8")) as Calibration) : null;
  const entries: CalibrationEntry[] = [];
  let environment: Calibration["environment"] | null = previous?.environment ?? null;
  for (const { name, file, code, style } of files) {
    const kept = previous?.entries.find((e) => e.name === name);
    if (only && !only.has(name) && kept) {
      entries.push(kept);
      continue;
    }
    const started = Date.now();
    const r = await gradeSubmission({ task: slug, code, profile, seed: SEED, overrides: { runs: seeds }, config: { TREINO_SECRET_SEED: SECRET } });
    const runs = r.runs?.each ?? [{ seed: SEED, score: r.score, passed: r.passed, failure: r.failure?.kind ?? null, metrics: r.metrics }];
    const names = [...new Set(runs.flatMap((x) => Object.keys(x.metrics)))];
    const metrics: CalibrationEntry["metrics"] = {};
    for (const n of names) {
      const values = runs.map((x) => x.metrics[n] ?? null);
      metrics[n] = { values, ...(spreadOf(values) ?? { min: NaN, median: NaN, max: NaN }) };
    }
    entries.push({
      name,
      file: path.relative(REPO_ROOT, file),
      style,
      scores: runs.map((x) => x.score),
      failures: runs.map((x) => x.failure),
      medianScore: spreadOf(runs.map((x) => x.score))?.median ?? 0,
      metrics,
    });
    environment = {
      backend: r.environment.backend, tfjsVersion: r.environment.tfjsVersion, recurrentKernels: r.environment.recurrentKernels?.library ?? null,
      graderVersion: GRADER_VERSION, nodeVersion: process.version, dataHash: r.environment.dataHash, budget: r.environment.budget,
    };
    const shown = names.filter((n) => !/baseline|majority|Reviews$/i.test(n)).map((n) => `${n} median ${metrics[n].median.toPrecision(4)} [${metrics[n].min.toPrecision(4)}, ${metrics[n].max.toPrecision(4)}]`);
    console.log(`${slug} ${name}: scores ${runs.map((x) => x.score).join(" ")}  ${shown.join("  ")}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const out: Calibration = {
    task: slug,
    profile,
    generatedAt: new Date().toISOString(),
    secret: SECRET,
    seeds: Array.from({ length: seeds }, (_, i) => SEED + i),
    environment: environment!,
    entries,
  };
  fs.writeFileSync(calibrationFile(slug), JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${path.relative(REPO_ROOT, calibrationFile(slug))}`);
}

async function main() {
  program.parse();
  const opts = program.opts<{ seeds: number; profile: "full" | "quick"; only?: string }>();
  const tasks = program.args.length ? program.args : taskSlugs();
  if (opts.seeds < 10) console.warn(`note: ${opts.seeds} seeds; the statements' figures want at least 10`);
  const only = opts.only ? new Set(opts.only.split(",")) : null;
  for (const slug of tasks) await calibrateTask(slug, opts.seeds, opts.profile, only);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
