/**
 * Calibrates a task's thresholds: grades its reference solution under several installation
 * secrets (different hidden test data) and seeds, and prints the metric each time with the
 * worst case, so thresholds can be set with a margin below what the reference reaches.
 *
 *   npm run calibrate -- sine-forecast [runs=5] [profile=full] [file=exercises/<task>/solution.ts]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeSubmission } from "../grader";
import { REPO_ROOT } from "../grader/paths";

const METRIC: Record<string, string[]> = {
  "next-number": ["rnn.mae", "lstm.mae", "rnn.maeInRange", "lstm.maeInRange", "baselineMae"],
  "sine-forecast": ["testMse", "baselineMse"],
  "imdb-sentiment": ["accuracy"],
};

async function main() {
  const [task = "sine-forecast", runsArg = "5", profile = "full", file] = process.argv.slice(2);
  const runs = Number(runsArg);
  const code = fs.readFileSync(file ?? path.join(REPO_ROOT, "exercises", task, "solution.ts"), "utf8");
  const names = METRIC[task];
  const rows: Record<string, number | null>[] = [];
  console.log(`calibration of ${task} (${profile} profile), ${runs} runs: secret i and seed 1000+i`);
  for (let i = 0; i < runs; i++) {
    const r = await gradeSubmission({
      task,
      code,
      profile: profile as "full" | "quick",
      seed: 1000 + i,
      config: { TREINO_SECRET_SEED: `calibration-secret-${i}` },
    });
    const row = Object.fromEntries(names.map((n) => [n, r.metrics[n] ?? null]));
    rows.push(row);
    console.log(`run ${i}: score ${r.score}/${r.maxScore}${r.failure ? ` failure ${r.failure.kind}` : ""}  ${names.map((n) => `${n}=${row[n]?.toFixed(5)}`).join("  ")}  (${(r.timing.totalMs / 1000).toFixed(1)} s)`);
  }
  for (const n of names) {
    const v = rows.map((r) => r[n]).filter((x): x is number => x != null);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    console.log(`${n}: min ${Math.min(...v).toFixed(5)}  mean ${mean.toFixed(5)}  max ${Math.max(...v).toFixed(5)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
