/**
 * The instructor's way through: set a deadline and a limit on a task, students submit, the
 * leaderboard and the gradebook show the right order and grades, the CSV holds the same
 * numbers; and a student reaches no instructor page or API.
 */
import { expect, test, type Page } from "@playwright/test";
import { exercise, registerStudent, signInInstructor, submitNextNumber } from "./helpers";

test("an instructor sets the rules; students submit; leaderboard, gradebook and CSV agree", async ({ browser }) => {
  const prof = await browser.newPage();
  await signInInstructor(prof);
  await prof.getByRole("link", { name: "Painel docente" }).click();
  await expect(prof.getByRole("heading", { name: /Painel da turma/ })).toBeVisible();
  await prof.getByRole("link", { name: "Próximo número: SimpleRNN contra LSTM" }).click();
  await expect(prof).toHaveURL(/\/instructor\/tasks\/next-number$/);
  const due = new Date(Date.now() + 7 * 24 * 3600_000);
  const local = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, "0")}-${String(due.getDate()).padStart(2, "0")}T18:00`;
  await prof.getByLabel("Prazo", { exact: true }).fill(local);
  await prof.getByLabel("Envios por 24 horas (vazio: sem limite)").fill("2");
  await prof.getByLabel("Estudantes veem a classificação").check();
  await prof.getByRole("button", { name: "Salvar regras" }).click();
  await expect(prof.getByRole("status")).toContainText("Regras salvas");

  // Two students: one hands in the reference, the other the reference cut to 20 epochs (a
  // model that meets the contract, so it ranks, but trains less). A starter, which has no
  // recurrent layer, would not rank at all: only models that meet the contract are scored.
  const weak = exercise("next-number", "solution.ts").replace("epochs: 200", "epochs: 20");
  const ana = await browser.newPage();
  const anaEmail = await registerStudent(ana, "Ana");
  const beto = await browser.newPage();
  const betoEmail = await registerStudent(beto, "Beto");
  await submitNextNumber(ana, exercise("next-number", "solution.ts"));
  await expect(ana.getByTestId("score")).toHaveText(/10 \/ 10/);
  await submitNextNumber(beto, weak);

  // The limit: Beto has one of two left, then none, with a clear message and nothing stored.
  await beto.goto("/tasks/next-number");
  await expect(beto.getByTestId("allowance")).toContainText("Restam 1 de 2 envios");
  await submitNextNumber(beto, weak);
  await beto.goto("/tasks/next-number");
  await expect(beto.getByTestId("allowance")).toContainText("Restam 0 de 2");
  await beto.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(beto.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Nada foi enviado");
  await beto.reload();
  await expect(beto.getByRole("link", { name: /^#\d$/ })).toHaveCount(2);

  // The leaderboard, visible to students: Ana first.
  await beto.getByRole("link", { name: "Classificação" }).click();
  // Other spec files' students may be on it too: Ana's row comes before Beto's.
  const rows = beto.getByTestId("leaderboard").locator("tbody tr");
  await expect(rows.filter({ hasText: "Beto (você)" })).toHaveCount(1);
  const names = await rows.allInnerTexts();
  const anaAt = names.findIndex((r) => /\bAna\b/.test(r));
  expect(anaAt).toBeGreaterThanOrEqual(0);
  expect(names.findIndex((r) => r.includes("Beto (você)"))).toBeGreaterThan(anaAt);

  // The gradebook and its CSV agree.
  await prof.goto("/instructor/gradebook");
  await expect(prof.getByTestId(`total-${anaEmail}`)).toHaveText(/^10 \/ 30$/);
  const betoGrade = (await prof.getByTestId(`grade-${betoEmail}-next-number`).innerText()).trim();
  const csv = await (await prof.request.get("/api/instructor/gradebook")).text();
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`Ana,${anaEmail},10,,,10,30`);
  expect(csv).toContain(`Beto,${betoEmail},${betoGrade},,,${betoGrade},30`);

  // Regrade one submission: it goes back to the queue and its history keeps the first result.
  await prof.goto("/instructor/tasks/next-number");
  await prof.getByRole("link", { name: "#1" }).first().click();
  await prof.getByRole("button", { name: "Rodar de novo com a semente registrada" }).click();
  await expect(prof.getByRole("status").filter({ hasText: "Voltou para a fila" })).toBeVisible();
  await prof.reload();
  await expect(prof.getByTestId("verdict")).toBeVisible({ timeout: 150_000 });
  await prof.reload();
  await expect(prof.getByTestId("result-history").locator("li")).toHaveCount(2);
});

test("a student reaches no instructor page or API", async ({ page }) => {
  await registerStudent(page, "Caio");
  await page.goto("/instructor");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Página só para a equipe docente");
  await page.goto("/instructor/gradebook");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Página só para a equipe docente");
  await page.goto("/instructor/tasks/next-number");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Página só para a equipe docente");
  expect((await page.request.get("/api/instructor/gradebook")).status()).toBe(403);
  expect((await page.request.get("/api/instructor/curves?task=next-number&student=x")).status()).toBe(403);
  await expect(page.getByRole("link", { name: "Painel docente" })).toHaveCount(0);
});
