/**
 * The submission page: the code on every submission (highlighted, copyable, diffed against
 * the previous attempt), failures in pt-BR words, compile failures without empty placeholders,
 * and live updates pushed by the server: the result, and an instructor's regrade, show up
 * without a reload.
 */
import { expect, test, type Page } from "@playwright/test";
import { exercise, registerStudent, setEditorCode, signInInstructor } from "./helpers";

const header = "export function buildModel(windowSize: number): tf.LayersModel {";
/** The sine-forecast reference with `body` run first in buildModel. */
function sineWith(body: string, asyncBuild = false): string {
  const reference = exercise("sine-forecast", "solution.ts");
  expect(reference).toContain(header);
  const newHeader = asyncBuild ? "export async function buildModel(windowSize: number): Promise<tf.LayersModel> {" : header;
  return reference.replace(header, `${newHeader}\n${body}`);
}
/** Pauses 4 s while building: long enough to watch the grading run. */
const slowReference = () => sineWith("  await new Promise((resolve) => setTimeout(resolve, 4000));", true);

async function submit(page: Page, code: string): Promise<string> {
  await page.goto("/tasks/sine-forecast");
  await setEditorCode(page, code);
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page).toHaveURL(/\/submissions\//);
  return page.url().split("/submissions/")[1];
}

test("the code of a passed submission is highlighted and copyable; the next attempt shows its changes", async ({ page }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await registerStudent(page, "Irene");
  const reference = exercise("sine-forecast", "solution.ts");
  await submit(page, reference);
  await expect(page.getByTestId("verdict")).toContainText("Aprovada", { timeout: 120_000 });

  // The code shows on a passing submission too, highlighted as TypeScript by CodeMirror.
  const code = page.getByTestId("code");
  await expect(code.locator(".cm-content")).toContainText("export function buildModel");
  await expect(code.locator(".cm-content")).toHaveAttribute("contenteditable", "false");
  expect(await code.locator(".cm-line span[class]").count()).toBeGreaterThan(10);
  await code.getByRole("button", { name: "Copiar código" }).click();
  await expect(code.getByRole("status")).toHaveText("Código copiado.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
  // A first attempt has nothing to compare with.
  await code.getByRole("tab", { name: "Diferenças do envio anterior" }).click();
  await expect(code.getByTestId("diff")).toContainText("primeiro envio");

  // The second attempt breaks the syntax on one line: a compile failure.
  const broken = reference.replace("export const windowSize", "export const windowSize = ;\nexport const unused");
  await submit(page, broken);
  const failure = page.getByTestId("failure");
  await expect(failure).toContainText("Falha: erro de sintaxe", { timeout: 60_000 });
  // The grading never reached a sandbox: no environment line, no charts, a word on why.
  await expect(page.getByTestId("stopped-early")).toBeVisible();
  await expect(page.getByTestId("environment")).toHaveCount(0);
  await expect(page.getByTestId("chart-loss")).toHaveCount(0);
  await expect(page.locator("[data-highlighted]")).toHaveCount(1);

  await page.getByRole("tab", { name: "Diferenças do envio anterior" }).click();
  const diff = page.getByTestId("diff");
  await expect(diff).toContainText("Comparado ao envio #1: 2 linhas adicionadas, 1 linha removida.");
  await expect(diff.locator('[data-kind="added"]')).toHaveCount(2);
  await expect(diff.locator('[data-kind="added"]').first()).toContainText("export const windowSize = ;");
  await expect(diff.locator('[data-kind="removed"]')).toHaveCount(1);
  // The failure's line stays marked in the diff too.
  await expect(diff.locator("[data-failure-line]")).toHaveCount(1);
  // And back to the code.
  await page.getByRole("tab", { name: "Código" }).click();
  await expect(page.getByTestId("code").locator(".cm-content")).toContainText("export const unused");
});

test("a failure names its kind and phase in Portuguese, and the output holds only the student's lines", async ({ page }) => {
  await registerStudent(page, "Joana");
  await submit(page, sineWith('  console.log("minha linha de log");\n  if (windowSize > 0) throw new Error("quebrado de propósito");'));
  const failure = page.getByTestId("failure");
  await expect(failure).toBeVisible({ timeout: 60_000 });
  await expect(failure).toContainText("Falha: erro lançado pelo seu código — linha");
  await expect(failure).toContainText("durante construção do modelo «model»: quebrado de propósito");
  await expect(failure).not.toContainText("build:model");
  await expect(failure).not.toContainText("exception");
  await expect(page.locator("[data-highlighted]")).toContainText("quebrado de propósito");

  await page.getByText("Saída do seu código").click();
  const output = page.locator("details pre");
  await expect(output).toContainText("minha linha de log");
  await expect(output).not.toContainText("TensorFlow.js in Node");
});

test("the page follows the grading live, and an instructor's regrade, without a reload or polling", async ({ page, browser }) => {
  test.setTimeout(420_000); // two gradings of a model that trains, on a shared machine
  const requests: string[] = [];
  const loads: string[] = [];
  page.on("request", (r) => {
    requests.push(new URL(r.url()).pathname);
    if (r.isNavigationRequest()) loads.push(new URL(r.url()).pathname);
  });
  await registerStudent(page, "Katia");
  const id = await submit(page, slowReference());
  loads.length = 0; // from here on, any page load would be a reload

  await expect(page.getByTestId("running")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("running")).toContainText("construção do modelo «model»");
  await expect(page.getByTestId("verdict")).toContainText("Aprovada", { timeout: 120_000 });
  await expect(page.getByTestId("status")).toHaveText("corrigida");
  // The updates came down the event stream: no reload of the page, no polling of the API.
  expect(loads).toEqual([]);
  expect(requests).toContain(`/api/submissions/${id}/events`);
  expect(requests).not.toContain(`/api/submissions/${id}`);

  // The instructor reruns it: the student's open page goes back to grading, then the new result.
  const prof = await browser.newPage();
  await signInInstructor(prof);
  await prof.goto(`/submissions/${id}`);
  await expect(prof.getByTestId("verdict")).toBeVisible();
  await prof.getByRole("button", { name: "Rodar de novo com a semente registrada" }).click();

  await expect(page.getByTestId("status")).not.toHaveText("corrigida", { timeout: 30_000 });
  await expect(page.getByTestId("verdict")).toHaveCount(0);
  await expect(page.getByTestId("verdict")).toContainText("Aprovada", { timeout: 120_000 });
  // The instructor's page too, its history of results included (two gradings now).
  await expect(prof.getByTestId("result-history").locator("li")).toHaveCount(2, { timeout: 30_000 });
  expect(loads).toEqual([]);
  expect(requests).not.toContain(`/api/submissions/${id}`);
});
