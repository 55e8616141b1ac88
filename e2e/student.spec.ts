/**
 * The student's way through, in Debian's Chromium: register with the join code, open
 * sine-forecast, submit the reference solution, watch it train, see the score and the
 * prediction chart; a syntax error shows its line; another student cannot see it.
 */
import { expect, test } from "@playwright/test";
import { exercise, registerStudent, setEditorCode } from "./helpers";

test("a student submits sine-forecast and sees progress, a passing score and the prediction chart", async ({ page }) => {
  await registerStudent(page, "Carla");
  await page.getByRole("link", { name: "Previsão de uma senoide com LSTM" }).click();
  await expect(page.getByRole("heading", { name: "Previsão de uma senoide com LSTM" })).toBeVisible();
  // The editor starts with the starter code.
  await expect(page.locator(".cm-content")).toContainText("export function makeWindows");

  // The reference, made to pause 4 s while building its model: with the fused recurrent
  // kernels the whole grading takes about a second here, too short to watch reliably.
  const header = "export function buildModel(windowSize: number): tf.LayersModel {";
  const reference = exercise("sine-forecast", "solution.ts");
  expect(reference).toContain(header);
  await setEditorCode(page, reference.replace(header,
    "export async function buildModel(windowSize: number): Promise<tf.LayersModel> {\n  await new Promise((resolve) => setTimeout(resolve, 4000));"));
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page).toHaveURL(/\/submissions\//);

  // Live progress: the page shows the job running and its phase, then the result.
  await expect(page.getByTestId("running")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("running")).toContainText("construção do modelo «model»");

  await expect(page.getByTestId("verdict")).toContainText("Aprovada", { timeout: 120_000 });
  await expect(page.getByTestId("score")).toHaveText(/10 \/ 10/);
  await expect(page.getByTestId("chart-loss")).toBeVisible();
  await expect(page.getByTestId("check-mse")).toContainText("4 / 4");
  await expect(page.getByTestId("prediction-chart")).toBeVisible();
  await expect(page.getByTestId("prediction-chart").locator("path.recharts-curve").first()).toBeVisible();
  // The LSTM trained through the fused kernels, and the page says so.
  await expect(page.getByTestId("environment")).toContainText("camadas recorrentes no caminho rápido");
  // What the student's own API gives the browser: the chart on the public series, the public
  // leaderboard score, and no private one before the deadline.
  const id = page.url().split("/submissions/")[1];
  const api = await page.evaluate(async (sid) => (await fetch(`/api/submissions/${sid}`)).json(), id);
  expect(api.result.predictionSource).toBe("public-series");
  expect(api.result.leaderboard.public).toEqual(expect.any(Number));
  expect(api.result.leaderboard.private).toBeNull();
  expect(api.result.models.model.contract.ok).toBe(true);
});

test("a syntax error is shown on its line, and the history keeps it", async ({ page }) => {
  await registerStudent(page, "Davi");
  await page.goto("/tasks/sine-forecast");
  // The statement's thresholds and calibration figures are filled in, the pt-BR way.
  const statement = page.getByRole("article");
  await expect(statement).toContainText("≤ 0,0175");
  await expect(statement).not.toContainText("{{");
  await expect(statement).not.toContainText("—");
  const broken = 'import * as tf from "@tensorflow/tfjs";\n\nexport const windowSize = 20;\nexport function buildModel(w: number) {\n  return tf.sequential(;\n}\n';
  await setEditorCode(page, broken);
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  const failure = page.getByTestId("failure");
  await expect(failure).toBeVisible({ timeout: 60_000 });
  await expect(failure).toContainText("erro de sintaxe");
  await expect(failure).toContainText("linha 5");
  await expect(page.locator("[data-highlighted]")).toHaveAttribute("data-line", "5");

  await page.getByRole("link", { name: "Voltar à tarefa" }).click();
  await expect(page.getByRole("link", { name: "#1" })).toBeVisible();
});

test("an upload that is not a TypeScript file is refused and nothing is queued", async ({ page }) => {
  await registerStudent(page, "Eva");
  await page.goto("/tasks/next-number");
  await page.getByLabel(/envie um arquivo/).setInputFiles({ name: "modelo.py", mimeType: "text/x-python", buffer: Buffer.from("print('oi')") });
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("não é um arquivo TypeScript");
  await expect(page).toHaveURL(/\/tasks\/next-number$/);
  await page.reload();
  await expect(page.getByText("Nenhuma submissão ainda.")).toBeVisible();
});

test("a student cannot open another student's submission, by page or by API", async ({ browser }) => {
  const first = await browser.newPage();
  await registerStudent(first, "Fabio");
  await first.goto("/tasks/next-number");
  await setEditorCode(first, 'import * as tf from "@tensorflow/tfjs";\nexport const x = 1;\n');
  await first.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(first).toHaveURL(/\/submissions\//);
  const url = first.url();
  const id = url.split("/").pop()!;

  const second = await browser.newPage();
  await registerStudent(second, "Gabi");
  const page = await second.goto(url);
  expect(page?.status()).toBe(404);
  await expect(second.getByText("Não encontrado.")).toBeVisible();
  const api = await second.request.get(`/api/submissions/${id}`);
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain("export const x");
  // The owner still sees it.
  expect((await first.request.get(`/api/submissions/${id}`)).status()).toBe(200);
});

test("the interface switches to English and back", async ({ page }) => {
  await registerStudent(page, "Hugo");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Forecasting a sine wave with an LSTM" })).toBeVisible();
  await page.getByRole("button", { name: /Português/ }).click();
  await expect(page.getByRole("heading", { name: "Tarefas" })).toBeVisible();
});
