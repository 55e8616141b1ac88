/**
 * The similarity report's cost for a class of 50, 150 and 300 synthetic next-number
 * submissions: the analysis as it runs in production (queued, then computed by the runner in
 * its own process: server/similarity/main.ts), timed from the request to the stored result;
 * the runner's own figure and its peak memory; and, meanwhile, what a web request would feel
 * in this process (a database read every 20 ms, and the event loop's delay).
 *
 *   npm run bench:similarity [-- 50 150 300]
 */
import { testDb } from "./similarity-env"; // first: sets the environment
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import seedrandom from "seedrandom";
import { syncTasks } from "../server/courses/sync-tasks";
import { db, dbProvider } from "../server/db";
import { analysisView, ensureAnalysis } from "../server/similarity/analysis-jobs";

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 1);
const sizes = SIZES.length ? SIZES : [50, 150, 300];

const read = (...p: string[]) => fs.readFileSync(path.join(...p), "utf8");
const BASES = [
  read("tests", "fixtures", "similarity", "original.ts"),
  read("tests", "fixtures", "similarity", "functional.ts"),
  read("tests", "fixtures", "similarity", "shared-builder.ts"),
  read("exercises", "next-number", "solution.ts"),
];
const LOCALS = ["model", "hiddenUnits", "learningRate", "adam", "input", "hidden", "output", "recurrent", "around", "ready", "build", "compileForRegression"];

/**
 * One student's program: a base solution with its names changed, its numbers changed and
 * a few statements and a helper of their own added; one in ten is a renamed copy of an
 * earlier student's (the pairs a report must find).
 */
function syntheticClass(n: number, seed: string): string[] {
  const rng = seedrandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const rename = (code: string, tag: string) => LOCALS.reduce((c, name) => c.replace(new RegExp(`\\b${name}\\b`, "g"), `${name}_${tag}`), code);
  const programs: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng() < 0.1) {
      programs.push(rename(programs[Math.floor(rng() * i)], `c${i}`));
      continue;
    }
    let code = rename(pick(BASES), `s${i}`).replace(/units: \d+/g, () => `units: ${4 + Math.floor(rng() * 60)}`);
    code = code
      .split("\n")
      .flatMap((line) => (line.trimEnd().endsWith("{") && rng() < 0.5 ? [line, `  const note${i}_${Math.floor(rng() * 1e6)} = ${Math.floor(rng() * 100)} * ${rng() < 0.5 ? "2" : "Math.random()"};`] : [line]))
      .join("\n");
    if (rng() < 0.6) {
      const steps = 1 + Math.floor(rng() * 4);
      code += `\nexport function helper${i}(xs: number[]): number {\n  let total = 0;\n${Array.from({ length: steps }, (_, k) => `  for (const x of xs) { total += x * ${k + 1}; }`).join("\n")}\n  return total / Math.max(1, xs.length);\n}\n`;
    }
    programs.push(code);
  }
  return programs;
}

async function seedStudents(max: number, courseId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < max; i++) {
    const u = await db.user.create({ data: { email: `s${i}@bench.org`, name: `Student ${i}`, passwordHash: "x", role: "student" } });
    await db.enrollment.create({ data: { userId: u.id, courseId } });
    ids.push(u.id);
  }
  return ids;
}

/** The runner's peak resident memory so far, in MB (Linux). */
function peakMb(child: ChildProcess): number | null {
  try {
    const line = fs.readFileSync(`/proc/${child.pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

async function measure(n: number, students: string[], task: Awaited<ReturnType<typeof db.task.findFirstOrThrow>>) {
  await db.similarityAnalysis.deleteMany({});
  await db.submission.deleteMany({});
  const programs = syntheticClass(n, `bench-${n}`);
  await db.submission.createMany({ data: programs.map((code, i) => ({ userId: students[i], taskId: task.id, attempt: 1, code, status: "graded" })) });

  // One process (tsx as a loader, not its CLI's wrapper), so its memory is the runner's own.
  const runner = spawn(process.execPath, ["--import", "tsx", "server/similarity/main.ts"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  let runnerLog = "";
  runner.stdout!.on("data", (d) => (runnerLog += String(d)));
  while (!runnerLog.includes("ready")) await new Promise((r) => setTimeout(r, 50));

  // A stand-in for the web server: small reads while the analysis runs elsewhere.
  const latencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let peak: number | null = null;
  const started = Date.now();
  await ensureAnalysis(task, "counting");
  for (;;) {
    const t0 = performance.now();
    const view = await analysisView(task, "counting");
    latencies.push(performance.now() - t0);
    peak = peakMb(runner) ?? peak;
    if (view.status === "done" || view.status === "failed") {
      loop.disable();
      runner.kill("SIGTERM");
      await new Promise((r) => runner.once("exit", r));
      if (view.status === "failed") throw new Error(`analysis failed: ${view.error}`);
      process.stdout.write(runnerLog.split("\n").filter((l) => l.includes(": ") && l.includes("stored in")).map((l) => `   ${l}\n`).join(""));
      return { n, pairs: view.pairCount, wallMs: Date.now() - started, runnerMs: view.durationMs ?? 0, peak, p50: quantile(latencies, 0.5), max: Math.max(...latencies), loopMax: loop.max / 1e6 };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  console.log(`Treino similarity report — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; Dolos 3.5.1 on synthetic next-number classes`);
  // As in production (scripts/setup.ts): readers never wait for a writer (SQLite; PostgreSQL needs nothing).
  if (dbProvider === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  const course = await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } });
  await syncTasks();
  const task = await db.task.findFirstOrThrow({ where: { slug: "next-number" } });
  const students = await seedStudents(Math.max(...sizes), course.id);
  // What the same reads take with no analysis running: the machine's own noise.
  const idle: number[] = [];
  const idleLoop = monitorEventLoopDelay({ resolution: 10 });
  idleLoop.enable();
  for (const until = Date.now() + 5000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
    const t0 = performance.now();
    await analysisView(task, "counting");
    idle.push(performance.now() - t0);
  }
  idleLoop.disable();
  console.log(`no analysis running: web-side read p50 / max ${quantile(idle, 0.5).toFixed(1)} / ${Math.max(...idle).toFixed(1)} ms, event-loop delay max ${(idleLoop.max / 1e6).toFixed(1)} ms`);
  console.log("submissions | pairs  | request → stored | runner (Dolos + store) | runner peak RSS | web-side read p50 / max | event-loop delay max");
  for (const n of sizes) {
    const r = await measure(n, students, task);
    console.log(
      `${String(r.n).padStart(11)} | ${String(r.pairs).padStart(6)} | ${(r.wallMs / 1000).toFixed(2).padStart(14)} s | ${(r.runnerMs / 1000).toFixed(2).padStart(20)} s | ${String(r.peak ?? "?").padStart(12)} MB | ${r.p50.toFixed(1).padStart(9)} / ${r.max.toFixed(1)} ms | ${r.loopMax.toFixed(1)} ms`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await db.$disconnect();
    testDb.cleanup();
  });
