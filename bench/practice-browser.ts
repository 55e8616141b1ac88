/**
 * "Testar no navegador" timed in Debian's Chromium: the sine-forecast reference's practice run
 * (25 epochs on the public training series), per TensorFlow.js backend, on this machine.
 * Starts a throwaway Treino (scripts/e2e-server.sh in its own data folder), registers a
 * student, and for each backend prints the time from the click to the first finished epoch,
 * the time per epoch after it, and the time from the click to the chart.
 *
 *   npm run bench:practice [-- --port 3400] [-- --runs 2] [-- --backends auto,wasm,webgl]
 *   npm run bench:practice -- --base-url http://127.0.0.1:3100   (a running e2e server)
 *
 * WebGL needs a GPU; headless Chromium here has none, so its row runs on SwiftShader (a CPU
 * rasteriser) where the browser offers it, and says "unavailable" where it does not.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../grader/paths";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3400" },
    runs: { type: "string", default: "1" },
    // A Treino already running with the e2e join code (scripts/e2e-server.sh): no server of its own.
    "base-url": { type: "string" },
    backends: { type: "string", default: "auto,wasm,webgl,cpu" },
  },
});
const PORT = Number(values.port);
const BASE = values["base-url"] ?? `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.join(REPO_ROOT, ".data", "bench-practice");
const SOLUTION = fs.readFileSync(path.join(REPO_ROOT, "exercises", "sine-forecast", "solution.ts"), "utf8");
const FLAGS = ["--headless", "--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function waitForServer(timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no Treino on ${BASE} after ${timeoutMs / 1000} s`);
}

async function register(page: Page): Promise<void> {
  const joinCode = "E2E-JOIN-2026";
  await page.goto(`${BASE}/register`);
  await page.getByLabel("Nome").fill("Bench");
  await page.getByLabel("E-mail").fill(`bench-${Date.now()}@example.com`);
  await page.getByLabel(/Senha/).fill("senha-segura-123");
  await page.getByLabel("Código da turma").fill(joinCode);
  await page.getByRole("button", { name: "Criar conta" }).click();
  await page.waitForURL(/\/tasks$/);
}

interface Timing {
  backend: string;
  firstEpochS: number;
  perEpochS: number;
  totalS: number;
  epochs: number;
}

async function timeRun(page: Page, backend: string): Promise<Timing | string> {
  await page.goto(`${BASE}/tasks/sine-forecast`); // leads to the task in the student's course
  await page.waitForURL(/\/courses\/[^/]+\/tasks\//);
  // auto: the page's own choice, what a student gets (the row names the backend it took).
  if (backend !== "auto") await page.goto(`${page.url().split("?")[0]}?practiceBackend=${backend}`);
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await editor.fill(SOLUTION);
  // The bundle is fetched in the background after the page loads: wait for it, as a student
  // reading the statement would, so the figure is the run's and not the download's.
  await page.waitForTimeout(3000);
  const clicked = Date.now();
  await page.getByRole("button", { name: "Testar no navegador" }).click();
  let firstEpoch: number | null = null;
  for (;;) {
    const failure = page.getByTestId("practice-failure");
    if (await failure.count()) return `failed: ${(await failure.textContent())?.slice(0, 200)}`;
    const epochs = (await page.getByTestId("practice-epochs").textContent().catch(() => null)) ?? "";
    const done = Number(/Época (\d+) de/.exec(epochs)?.[1] ?? 0);
    if (done >= 1 && firstEpoch == null) firstEpoch = Date.now();
    if (await page.getByTestId("practice-finished").count()) {
      const end = Date.now();
      const shown = (await page.getByTestId("practice-status").textContent()) ?? "";
      const used = /Backend: ([a-z]+)/.exec(shown)?.[1] ?? "?";
      if (backend !== "auto" && used !== backend) return `unavailable (the run fell back to ${used})`;
      const total = Number(/de (\d+)/.exec(epochs)?.[1] ?? done);
      return { backend: backend === "auto" ? `auto: ${used}` : backend, firstEpochS: (firstEpoch! - clicked) / 1000, perEpochS: (end - firstEpoch!) / 1000 / Math.max(1, total - 1), totalS: (end - clicked) / 1000, epochs: total };
    }
    const status = (await page.getByTestId("practice-status").textContent().catch(() => null)) ?? "";
    if (/parou no limite/.test(status)) return `stopped at the run's time cap after ${done} epochs (${((Date.now() - clicked) / 1000).toFixed(0)} s)`;
    if (Date.now() - clicked > 300_000) return `did not finish in 300 s (${((await page.getByTestId("practice-status").textContent()) ?? "").slice(0, 120)})`;
    await page.waitForTimeout(100);
  }
}

async function main(): Promise<void> {
  const server = values["base-url"] ? null : spawn("bash", ["scripts/e2e-server.sh"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(PORT), TREINO_E2E_DATA_DIR: DATA_DIR },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let browser: Browser | null = null;
  try {
    await waitForServer(600_000);
    const rows: string[] = [];
    const load = (await import("node:os")).loadavg()[0].toFixed(1);
    console.log(`load average at the start: ${load} (2 cores)`);
    for (const backend of values.backends!.split(",")) {
      // WebGL without a GPU: SwiftShader, where this Chromium still offers it.
      const args = backend === "webgl" ? [...FLAGS, "--use-angle=swiftshader", "--enable-unsafe-swiftshader"] : [...FLAGS, "--disable-gpu"];
      browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
      const page = await browser.newPage();
      await register(page);
      for (let run = 0; run < Number(values.runs); run++) {
        const t = await timeRun(page, backend);
        rows.push(typeof t === "string"
          ? `| ${backend} | ${t} | | | |`
          : `| ${t.backend} | ${t.firstEpochS.toFixed(1)} | ${t.perEpochS.toFixed(2)} | ${t.totalS.toFixed(1)} | ${t.epochs} |`);
        console.log(rows[rows.length - 1]);
      }
      await browser.close();
      browser = null;
    }
    console.log("\nsine-forecast reference, practice run in Debian's Chromium (seconds)\n");
    console.log("| backend | click to first epoch | per epoch | click to chart | epochs |\n| --- | --- | --- | --- | --- |");
    for (const r of rows) console.log(r);
  } finally {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
