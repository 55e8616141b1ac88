/**
 * Grading benchmark: per task and backend, the whole grading time, the time per epoch and
 * each sandbox's cost, for the reference solutions at full size. A grading runs two sandboxes:
 * the describe sandbox (student code) and the train sandbox (no student code), which starts
 * and boots alongside the first; the columns show both. The TypeScript compiler is warmed up
 * first, as it is in a long-running worker.
 *
 *   npm run bench                        every task, on the backend the grader picks
 *   npm run bench -- sine-forecast       one task
 *   npm run bench -- --all-backends      every backend that works here (IMDb on cpu: long)
 *
 * Each grading trains the task's N runs (seeds) at the full profile, side by side on the
 * machine's cores, as a worker with free cores does; the last line checks the IMDb reference
 * against the issue's budget (25,000 + 25,000 reviews, N seeds, at most 90 s).
 *
 * Recurrent layers train through the fused kernels where they built (the result says so);
 * `TREINO_FUSED_RNN=0 npm run bench` measures stock TensorFlow.js instead (IMDb on the cpu
 * backend then takes many minutes per epoch).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gradeSubmission, taskSlugs, type GradeResult } from "../grader";
import { compileSubmission } from "../grader/compile/compile";
import { REPO_ROOT } from "../grader/paths";

const ALL_BACKENDS = ["tensorflow", "wasm", "cpu"] as const;
const IMDB_BUDGET_S = 90;

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown cpu";
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  return `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}, load ${load}`;
}

const phaseMs = (r: GradeResult, prefix: string) => r.timing.phases.filter((p) => p.name.startsWith(prefix)).reduce((s, p) => s + p.ms, 0);
const phase = (r: GradeResult, name: string) => r.timing.phases.find((p) => p.name === name)?.ms ?? 0;

async function main() {
  const args = process.argv.slice(2);
  const only = args.find((a) => !a.startsWith("--"));
  const tasks = only ? [only] : taskSlugs();
  const backends = args.includes("--all-backends") ? ALL_BACKENDS : (["auto"] as const);
  let imdb: GradeResult | null = null;
  console.log(`Treino grading benchmark — ${new Date().toISOString()}\nmachine: ${machine()}\n`);
  await compileSubmission('import * as tf from "@tensorflow/tfjs";\nexport const x: number = tf.scalar(1).rank;\n', { typeCheck: true });
  console.log([
    "task", "backend", "profile", "score", "total s", "compile ms", "describe sandbox ms", "train sandbox start+boot ms (alongside describe)",
    "train sandbox ms (after describe)", "runs", "fit s (all runs)", "ms/epoch", "recurrent layers",
  ].join("\t"));
  for (const task of tasks) {
    const code = fs.readFileSync(path.join(REPO_ROOT, "exercises", task, "solution.ts"), "utf8");
    for (const backend of backends) {
      const profile = backend === "cpu" && task === "imdb-sentiment" && process.env.TREINO_FUSED_RNN === "0" ? "quick" : "full";
      const r = await gradeSubmission({ task, code, backend, profile });
      if (task === "imdb-sentiment" && backend === "auto") imdb = r;
      if (backend !== "auto" && r.environment.backend !== backend) {
        console.log(`${task}\t${backend}\t-\tnot available here (${r.failure?.message.split("\n")[0] ?? "fell back"})`);
        continue;
      }
      const epochs = Object.values(r.curves).flat();
      const perEpoch = epochs.reduce((s, p) => s + p.ms, 0) / Math.max(1, epochs.length);
      console.log([task, r.environment.backend, profile, `${r.score}/${r.maxScore}`, (r.timing.totalMs / 1000).toFixed(1), phase(r, "compile"), phase(r, "describe"),
        phase(r, "train:start") + phase(r, "train:boot"), r.timing.phases.filter((p) => p.name === "train" || p.name.startsWith("train [")).reduce((a, p) => a + p.ms, 0), r.runs?.each.length ?? 1, (phaseMs(r, "train:train:") / 1000).toFixed(1), perEpoch.toFixed(0),
        Object.values(r.models).flatMap((m) => m.recurrent.map((l) => `${l.cell} ${l.path}${l.path === "fused" ? ` (${r.environment.recurrentKernels?.library})` : ""}`)).join(", ")].join("\t"));
    }
  }

  if (imdb) {
    const s = imdb.samples?.model;
    const secs = imdb.timing.totalMs / 1000;
    console.log(`\nIMDb reference, full profile: ${s ? `${s.train + s.validation} training reviews, ${s.test} graded` : "?"}, ${imdb.runs?.each.length ?? 1} seeds on ${os.availableParallelism()} cores: ${secs.toFixed(1)} s end to end (budget ${IMDB_BUDGET_S} s: ${secs <= IMDB_BUDGET_S ? "within" : "OVER"}); accuracy per seed ${imdb.runs?.each.map((e) => e.metrics.accuracy?.toFixed(4)).join(", ")}`);
  }

  // The isolation layers' own cost: a bare Node start, plain and inside bubblewrap.
  const time = (cmd: string, args: string[]) => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) execFileSync(cmd, args, { stdio: "ignore" });
    return Number(process.hrtime.bigint() - t) / 5e6;
  };
  const node = fs.realpathSync(process.execPath);
  console.log(`\nnode -e 0: ${time(node, ["-e", "0"]).toFixed(0)} ms`);
  try {
    const bw = ["--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr", "--ro-bind-try", "/lib", "/lib", "--ro-bind-try", "/lib64", "/lib64", "--ro-bind", node, "/usr/bin/node", "--proc", "/proc", "--dev", "/dev", "/usr/bin/node", "-e", "0"];
    console.log(`bwrap + node -e 0: ${time("bwrap", bw).toFixed(0)} ms`);
  } catch {
    console.log("bwrap: not available");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
