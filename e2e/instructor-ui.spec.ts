/**
 * The instructor's screens: landing on the class overview, "regrade all" asking first with
 * the count, regrades replacing the old result on screen without a reload, and the gradebook
 * CSV for Portuguese spreadsheets.
 */
import { expect, test, type Page } from "@playwright/test";
import * as fs from "node:fs";
import { exercise, registerStudent, signInInstructor, submitNextNumber } from "./helpers";

/** A mark on the window that a reload would wipe: proves a change came without one. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

test("an instructor lands on the class overview, after login and from /", async ({ page }) => {
  await signInInstructor(page);
  await expect(page).toHaveURL(/\/instructor$/);
  await expect(page.getByRole("heading", { name: /Painel da turma/ })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/instructor$/);
});

test("regrade all asks with the count; regrades replace the old results without a reload; the Brazilian CSV", async ({ browser }) => {
  test.setTimeout(900_000);
  const student = await browser.newPage();
  const email = await registerStudent(student, "Dora");
  // Two graded submissions: the reference (full marks) and one that does not compile (graded at once).
  await submitNextNumber(student, exercise("next-number", "solution.ts"));
  await expect(student.getByTestId("score")).toHaveText(/10 \/ 10/);
  await submitNextNumber(student, "export const broken = ;");

  const prof = await browser.newPage();
  await signInInstructor(prof);
  await expect(prof).toHaveURL(/\/instructor$/);
  await expect(prof.getByTestId("pass-next-number")).toContainText(/de \d+ estudantes/);

  // Regrade all: nothing happens until the instructor confirms the count.
  await prof.goto("/instructor/tasks/next-number");
  const table = prof.getByTestId("task-submissions");
  // Other spec files grade next-number too: Dora's rows are hers, the count is the whole task's.
  const doras = table.locator("tbody tr").filter({ hasText: "Dora" });
  await expect(doras).toHaveCount(2);
  await expect(table).not.toContainText(/na fila|corrigindo/);
  const all = await table.locator("tbody tr").count();
  await markPage(prof);
  await prof.getByRole("button", { name: "Recorrigir todos os envios desta tarefa" }).click();
  await expect(prof.getByRole("alertdialog")).toContainText(`Recorrigir ${all} envios desta tarefa?`);
  await prof.getByRole("button", { name: "Cancelar" }).click();
  await expect(prof.getByRole("alertdialog")).toHaveCount(0);
  await expect(table).not.toContainText(/na fila|corrigindo/);
  await prof.getByRole("button", { name: "Recorrigir todos os envios desta tarefa" }).click();
  await prof.getByRole("button", { name: "Sim, recorrigir" }).click();
  await expect(prof.getByRole("status").filter({ hasText: `${all} envios voltaram para a fila` })).toBeVisible();
  // The old results leave the table at once, and the new ones arrive, with no reload.
  await expect(table).toContainText(/na fila|corrigindo/);
  await expect(table).not.toContainText(/na fila|corrigindo/, { timeout: 300_000 });
  await expect(doras.filter({ hasText: "10 / 10" })).toHaveCount(1);
  expect(await stillSamePage(prof)).toBe(true);

  // One submission's regrade: the old result gives way to the queue, then to the new result.
  await doras.filter({ hasText: "10 / 10" }).getByRole("link", { name: /^#\d$/ }).click();
  await expect(prof).toHaveURL(/\/submissions\//);
  await expect(prof.getByTestId("verdict")).toBeVisible();
  await expect(prof.getByTestId("result-history").locator("li")).toHaveCount(2);
  await markPage(prof);
  await prof.getByRole("button", { name: "Recorrigir", exact: true }).click();
  await expect(prof.getByRole("status").filter({ hasText: "Voltou para a fila" })).toBeVisible();
  await expect(prof.getByTestId("verdict")).toHaveCount(0);
  await expect(prof.getByTestId("status")).toHaveText(/na fila|corrigindo/);
  await expect(prof.getByTestId("verdict")).toBeVisible({ timeout: 150_000 });
  await expect(prof.getByTestId("result-history").locator("li")).toHaveCount(3, { timeout: 15_000 });
  expect(await stillSamePage(prof)).toBe(true);

  // The CSV for Portuguese spreadsheets: semicolons, decimal commas, Portuguese headers.
  await prof.goto("/instructor/gradebook");
  const download = prof.waitForEvent("download");
  await prof.getByRole("link", { name: "CSV para planilha em português" }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = csv.slice(1).trim().split("\r\n");
  expect(header).toMatch(/^Nome;E-mail;Próximo número: SimpleRNN contra LSTM;[^,]*;Total;Máximo$/);
  expect(rows).toContainEqual(`Dora;${email};10;;;10;30`);
  // The standard one keeps commas and machine headers.
  const standard = await (await prof.request.get("/api/instructor/gradebook")).text();
  expect(standard.slice(1).split("\r\n")[0]).toBe("name,email,next-number,sine-forecast,imdb-sentiment,total,max_total");
});
