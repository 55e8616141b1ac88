/**
 * `npm run grade -- <file.ts> --task <slug>`: grades one file the way the platform does.
 * Exit code 0 when the file was graded (passed or not); non-zero only when the grader
 * itself could not run.
 */
import { Command, Option } from "commander";
import { MultiBar, Presets } from "cli-progress";
import * as fs from "node:fs";
import { gradeSubmission } from "./grade-submission";
import { formatReport, type Lang } from "./report";
import { taskSlugs } from "./tasks/registry";

const program = new Command()
  .name("grade")
  .description("Grade a TypeScript + TensorFlow.js submission for a Treino task")
  .argument("<file>", "the submission (.ts)")
  .requiredOption("-t, --task <slug>", `task: ${taskSlugs().join(", ")}`)
  .option("--json", "print only the result object (JSON) on stdout")
  .addOption(new Option("--profile <profile>", "data and budget profile").choices(["full", "quick"]).default("full"))
  .addOption(new Option("--backend <backend>", "TensorFlow.js backend").choices(["auto", "tensorflow", "wasm", "cpu"]))
  .option("--seed <n>", "training seed (the runs use seed, seed+1, ...)", (v) => Number.parseInt(v, 10))
  .option("--runs <n>", "training runs (seeds) the grade is the median of, at least the task's", (v) => Number.parseInt(v, 10))
  .option("--no-typecheck", "skip the type check")
  .addOption(new Option("--lang <lang>", "report language").choices(["pt-BR", "en"]).default("pt-BR"));

async function main(): Promise<number> {
  program.parse();
  const file = program.args[0];
  const opts = program.opts<{ task: string; json?: boolean; profile: "full" | "quick"; backend?: "auto"; seed?: number; typecheck: boolean; lang: Lang; runs?: number }>();
  if (!taskSlugs().includes(opts.task)) {
    console.error(`unknown task '${opts.task}': one of ${taskSlugs().join(", ")}`);
    return 2;
  }
  let code: string;
  try {
    code = fs.readFileSync(file, "utf8");
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }

  const interactive = !opts.json && process.stderr.isTTY;
  const bars = interactive
    ? new MultiBar({ format: " {model} |{bar}| epoch {value}/{total}  loss {loss}  {ms} ms", hideCursor: true, clearOnComplete: false }, Presets.shades_classic)
    : null;
  const perModel = new Map<string, ReturnType<MultiBar["create"]>>();
  const result = await gradeSubmission({
    task: opts.task,
    code,
    profile: opts.profile,
    backend: opts.backend,
    seed: opts.seed,
    overrides: opts.runs ? { runs: opts.runs } : undefined,
    typeCheck: opts.typecheck,
    onProgress: (e) => {
      if (opts.json) return;
      if (e.type === "phase" && !bars) console.error(`· ${e.phase}`);
      if (e.type === "epoch") {
        const key = e.runs && e.runs > 1 ? `${e.model}#${(e.run ?? 0) + 1}` : e.model;
        const payload = { model: key.padEnd(8), loss: e.point.loss?.toFixed(5) ?? "NaN", ms: e.point.ms };
        if (bars) {
          let bar = perModel.get(key);
          if (!bar) perModel.set(key, (bar = bars.create(e.totalEpochs, 0, payload)));
          bar.update(e.point.epoch + 1, payload);
        } else {
          console.error(`  ${key} epoch ${e.point.epoch + 1}/${e.totalEpochs} loss ${payload.loss} (${e.point.ms} ms)`);
        }
      }
    },
  });
  bars?.stop();
  if (opts.json) process.stdout.write(JSON.stringify(result) + "\n");
  else console.log(`\n${formatReport(result, opts.lang)}`);
  return 0;
}

main().then(
  // Exit once stdout has taken everything: a large --json result to a pipe was cut at 64 KiB.
  (code) => process.stdout.write("", () => process.exit(code)),
  (err) => {
    console.error(`grader error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
