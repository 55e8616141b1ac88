/**
 * "Testar no navegador": the editor's code trains in the page, in a Web Worker inside a
 * sandboxed frame, on public data, on the wasm backend (the one the page picks on a machine
 * without a GPU, as this one).
 * Nothing is stored: the server's submission count does not move. Hostile code in the frame
 * cannot reach Treino's API with the student's cookies.
 */
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import * as path from "node:path";
import { exercise, registerStudent, setEditorCode } from "./helpers";

const DB = path.join(__dirname, "..", ".data", "e2e", "treino.db");
const PORT = Number(process.env.E2E_PORT ?? 3100);

function submissionCount(): number {
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM Submission").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** `backend` "auto" is what a student gets; the others pin wasm, whatever the machine offers. */
async function practise(page: Page, slug: string, code: string, backend: "auto" | "wasm" = "wasm") {
  // The old /tasks/<slug> link leads to the task in the student's course; then the backend.
  await page.goto(`/tasks/${slug}`);
  await expect(page).toHaveURL(/\/courses\/[^/]+\/tasks\//);
  if (backend !== "auto") await page.goto(`${page.url().split("?")[0]}?practiceBackend=${backend}`);
  await setEditorCode(page, code);
  await page.getByRole("button", { name: "Testar no navegador" }).click();
  await expect(page.getByTestId("practice")).toBeVisible();
}

test("the sine reference trains in the page: live epochs, the loss curve, predictions against the real values, nothing stored", async ({ page }) => {
  await registerStudent(page, "Paula");
  const before = submissionCount();
  const started = Date.now();
  // The backend the page picks itself: this machine's Chromium has WebGL only on SwiftShader
  // (the CPU), slower than wasm, so it must choose wasm.
  await practise(page, "sine-forecast", exercise("sine-forecast", "solution.ts"), "auto");
  await expect(page.getByTestId("practice")).toContainText("Prática no navegador");
  await expect(page.getByTestId("practice")).toContainText("não conta como envio");
  // The epochs arrive while it trains, against the cap the run announced.
  await expect(page.getByTestId("practice-epochs")).toHaveText(/Época [1-9]\d* de 25/, { timeout: 60_000 });
  await expect(page.getByTestId("practice-finished")).toBeVisible({ timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  console.log(`sine reference practice run: ${seconds.toFixed(1)} s from the click to the chart (wasm)`);
  await expect(page.getByTestId("practice-epochs")).toHaveText("Época 25 de 25");
  await expect(page.getByTestId("practice-loss").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("practice-prediction-chart")).toBeVisible();
  // The four makeWindows cases match the reference; the contract and the validation figure are shown.
  await expect(page.getByTestId("practice-probes").getByText("Igual à referência.")).toHaveCount(4);
  await expect(page.getByTestId("practice-model-model")).toContainText("LSTM");
  await expect(page.getByTestId("practice-evaluation-model")).toContainText("Erro quadrático médio");
  await expect(page.getByTestId("practice-status")).toContainText("Backend: wasm");
  expect(submissionCount()).toBe(before);
  await expect(page.getByText("Nenhuma submissão ainda.")).toBeVisible();
});

test("a syntax error shows its line, and a wrong makeWindows its first difference", async ({ page }) => {
  await registerStudent(page, "Quito");
  const broken = exercise("sine-forecast", "solution.ts").replace("model.add(tf.layers.dense({ units: 1 }));", "model.add(tf.layers.dense({ units: 1 });");
  const line = broken.split("\n").findIndex((l) => l.includes("units: 1 });")) + 1;
  await practise(page, "sine-forecast", broken);
  await expect(page.getByTestId("practice-failure")).toContainText(`linha ${line}`, { timeout: 60_000 });
  await expect(page.getByTestId("practice-failure")).toContainText("sintaxe");

  const offByOne = exercise("sine-forecast", "solution.ts")
    .replace("targets.push(series[i + windowSize]);", "targets.push(series[i + windowSize - 1]);")
    .replace("epochs: 25", "epochs: 1");
  await practise(page, "sine-forecast", offByOne);
  await expect(page.getByTestId("practice-difference").first()).toContainText("Primeira diferença em .targets[0]", { timeout: 60_000 });
  await expect(page.getByTestId("practice-finished")).toBeVisible({ timeout: 60_000 });
});

test("Stop ends an infinite loop at once, and the page stays usable", async ({ page }) => {
  await registerStudent(page, "Rosa");
  const looping = exercise("sine-forecast", "solution.ts").replace("const inputs: number[][] = [];", "const inputs: number[][] = [];\n  while (true) {}");
  await practise(page, "sine-forecast", looping);
  await expect(page.getByTestId("practice-status")).toContainText("teste das suas funções", { timeout: 60_000 });
  // The loop runs in the worker: the page answers meanwhile.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  expect(Date.now() - t0).toBeLessThan(2_000);
  await page.getByTestId("practice-stop").click();
  await expect(page.getByTestId("practice-stopped")).toBeVisible();
  await expect(page.getByTestId("practice-frame")).toHaveCount(0);
  // Usable: the editor takes typing and a new practice run starts and finishes.
  await setEditorCode(page, exercise("sine-forecast", "solution.ts").replace("epochs: 25", "epochs: 1"));
  await page.getByRole("button", { name: "Testar no navegador" }).click();
  await expect(page.getByTestId("practice-finished")).toBeVisible({ timeout: 90_000 });
});

test("hostile code in the practice frame cannot call Treino's API with the student's cookies", async ({ page, context }) => {
  await registerStudent(page, "Sara");
  const before = submissionCount();
  // Anything that reaches the API from the page's context is counted here.
  let apiHits = 0;
  await context.route("**/api/**", (route) => {
    apiHits++;
    return route.continue();
  });
  const origin = `http://127.0.0.1:${PORT}`;
  const hostile = `${exercise("sine-forecast", "solution.ts").replace("epochs: 25", "epochs: 1")}
const attempts: Record<string, string> = {};
async function attempt(name: string, fn: () => Promise<unknown> | unknown) {
  try {
    const out = await fn();
    attempts[name] = "REACHED " + String(out).slice(0, 80);
  } catch (err) {
    attempts[name] = "blocked: " + (err as Error).name;
  }
}
const stolen = (async () => {
  await attempt("read", () => fetch("${origin}/api/submissions/anything", { credentials: "include" }).then((r) => r.status));
  const form = new FormData();
  form.set("taskId", "x");
  form.set("code", "stolen");
  await attempt("submit", () => fetch("${origin}/api/submissions", { method: "POST", body: form, credentials: "include" }).then((r) => r.status));
  await attempt("xhr", () => new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open("GET", "${origin}/api/submissions/anything");
    x.withCredentials = true;
    x.onload = () => resolve(x.status);
    x.onerror = () => reject(new TypeError("xhr failed"));
    x.send();
  }));
  await attempt("script", () => (self as unknown as { importScripts(u: string): void }).importScripts("${origin}/practice/frame"));
  await attempt("cookie", () => (globalThis as unknown as { document: { cookie: string } }).document.cookie);
  await attempt("beacon", () => (navigator as unknown as { sendBeacon?: (u: string) => boolean }).sendBeacon?.("${origin}/api/submissions") ? "sent" : Promise.reject(new TypeError("no beacon")));
  console.log("ATTEMPTS " + JSON.stringify(attempts));
})();
void stolen;
`;
  await practise(page, "sine-forecast", hostile);
  await expect(page.getByTestId("practice-finished")).toBeVisible({ timeout: 90_000 });
  await page.getByText(/Saída do console/).click();
  const logs = page.getByTestId("practice-logs");
  await expect(logs).toContainText("ATTEMPTS");
  const text = (await logs.textContent()) ?? "";
  const attempts = JSON.parse(text.slice(text.indexOf("ATTEMPTS ") + 9).split("\n")[0]) as Record<string, string>;
  expect(Object.keys(attempts).sort()).toEqual(["beacon", "cookie", "read", "script", "submit", "xhr"]);
  for (const [name, outcome] of Object.entries(attempts)) expect(outcome, name).toMatch(/^blocked/);
  expect(apiHits).toBe(0);
  expect(submissionCount()).toBe(before);
});
