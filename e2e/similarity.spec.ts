/**
 * The similarity report in Chromium: two students hand in the same next-number solution,
 * one with every variable renamed, a third a different one (none waits for the grade); the instructor opens the report
 * (computed in the background while the page shows its progress), finds the pair at the top,
 * compares it side by side and flags it. A student reaches neither the page nor its API.
 */
import { expect, test, type Page } from "@playwright/test";
import { exercise, registerStudent, setEditorCode, signInInstructor } from "./helpers";
import * as fs from "node:fs";
import * as path from "node:path";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "tests", "fixtures", "similarity", `${name}.ts`), "utf8");

/**
 * Hands in code for next-number from the editor without waiting for the grade: a submission
 * still in the queue is the one compared for a student without a counting grade yet. The task
 * is opened under its course (`/courses/<course>/tasks/next-number`), from the task list.
 */
async function handIn(page: Page, code: string) {
  await page.goto("/tasks");
  const task = page.getByTestId("course-tasks").locator('a[href$="/tasks/next-number"]');
  await expect(task).toHaveCount(1);
  const href = (await task.getAttribute("href"))!;
  expect(href).toMatch(/^\/courses\/[^/]+\/tasks\/next-number$/);
  await page.goto(href);
  await setEditorCode(page, code);
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page).toHaveURL(/\/submissions\//);
}

test("an instructor finds the renamed copy at the top, compares it side by side and flags it", async ({ browser }) => {
  test.setTimeout(300_000);
  const iara = await browser.newPage();
  await registerStudent(iara, "Iara");
  await handIn(iara, fixture("original"));
  const joel = await browser.newPage();
  await registerStudent(joel, "Joel");
  await handIn(joel, fixture("renamed"));
  const kaio = await browser.newPage();
  await registerStudent(kaio, "Kaio");
  await handIn(kaio, fixture("functional"));
  expect(fixture("original")).not.toBe(exercise("next-number", "solution.ts"));

  const prof = await browser.newPage();
  await signInInstructor(prof);
  await prof.goto("/instructor/tasks/next-number");
  await prof.getByRole("link", { name: "Similaridade" }).click();
  await expect(prof).toHaveURL(/\/instructor\/tasks\/next-number\/similarity$/);
  await expect(prof.getByRole("heading", { name: /^Similaridade — / })).toBeVisible();
  // The current course's report (the demo course: the one the students joined).
  await expect(prof.getByTestId("similarity-course")).toContainText("Painel da turma: Redes Neurais Recorrentes");
  // Computed in the background; the page refreshes itself when the result is stored.
  const table = prof.getByTestId("similarity-pairs");
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(prof.getByTestId("analysis-status")).toHaveCount(0);

  // Other spec files' students may be in the report too: the first row naming any of ours is
  // Iara's and Joel's, and no pair in the whole report scores above it.
  const rows = table.getByTestId("similarity-pair");
  const texts = await rows.allInnerTexts();
  const ours = texts.findIndex((r) => /\b(Iara|Joel|Kaio)\b/.test(r));
  expect(ours).toBeGreaterThanOrEqual(0);
  expect(texts[ours]).toMatch(/\bIara\b/);
  expect(texts[ours]).toMatch(/\bJoel\b/);
  const percentOf = (text: string) => Number(/(\d+)\s*%/.exec(text)?.[1]);
  const score = percentOf(await rows.nth(ours).getByTestId("pair-similarity").innerText());
  expect(score).toBeGreaterThanOrEqual(95);
  expect(percentOf(await rows.first().getByTestId("pair-similarity").innerText())).toBe(score);
  // Kaio's different solution is below the default threshold with either of them.
  expect(texts.filter((r) => /\bKaio\b/.test(r))).toEqual([]);

  // Side by side: both programs, the matching fragments marked and numbered on both sides.
  await rows.nth(ours).getByRole("link", { name: "Comparar" }).click();
  await expect(prof).toHaveURL(/\/similarity\/[^/]+$/);
  await expect(prof.getByRole("heading", { name: /(Iara × Joel|Joel × Iara)/ })).toBeVisible();
  await expect(prof.getByTestId("pair-summary")).toContainText(/Similaridade (9[5-9]|100)\s*%/);
  const left = prof.getByTestId("code-left");
  const right = prof.getByTestId("code-right");
  const iaraSide = (await left.innerText()).includes("hiddenUnits") ? left : right;
  const joelSide = iaraSide === left ? right : left;
  await expect(iaraSide).toContainText("compileForRegression");
  await expect(joelSide).toContainText("neuronios");
  const fragments = await prof.getByTestId("fragment-list").getByRole("listitem").count();
  expect(fragments).toBeGreaterThan(0);
  await expect(left.locator("mark")).not.toHaveCount(0);
  await expect(right.locator("mark")).not.toHaveCount(0);
  // The copied LSTM line is marked on both sides; the starter's comment is not.
  await expect(iaraSide.locator("mark", { hasText: "lstm" })).not.toHaveCount(0);
  await expect(joelSide.locator("mark", { hasText: "lstm" })).not.toHaveCount(0);
  await expect(iaraSide.locator("mark", { hasText: "Orçamento" })).toHaveCount(0);
  // Each fragment is numbered once on each side, where it starts.
  for (const side of [left, right]) {
    const numbers = (await side.locator("sup").allInnerTexts()).flatMap((t) => t.split(",")).map(Number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: fragments }, (_, i) => i + 1));
  }

  // A flag, with who and when.
  await prof.getByLabel("suspeito").check();
  await prof.getByLabel("Observação (opcional)").fill("mesma estrutura com nomes trocados");
  await prof.getByRole("button", { name: "Salvar marcação" }).click();
  await expect(prof.getByRole("status").filter({ hasText: /\S/ })).toContainText("Marcação salva");
  await expect(prof.getByTestId("flag-history")).toContainText("suspeito");
  await expect(prof.getByTestId("flag-history")).toContainText("mesma estrutura com nomes trocados");
  await prof.getByRole("link", { name: "Voltar ao relatório" }).click();
  await expect(prof.getByTestId("similarity-pairs").getByTestId("similarity-pair").filter({ hasText: "Iara" }).first()).toContainText("suspeito");

  // Nothing of it for a student: the page and the API are 404, with her own session.
  const pairUrl = new URL(prof.url()).pathname;
  for (const url of ["/instructor/tasks/next-number/similarity", pairUrl, "/api/instructor/similarity/next-number", "/api/instructor/similarity/next-number/csv"]) {
    expect((await joel.request.get(url)).status(), url).toBe(404);
  }
  await joel.goto("/instructor/tasks/next-number/similarity");
  await expect(joel.getByText("Iara")).toHaveCount(0);
});
