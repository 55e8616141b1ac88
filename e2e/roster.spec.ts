/**
 * Rosters and exceptions, the instructor's way through: import a roster CSV as Excel in
 * Portuguese saves it (one bad line shown in the preview), copy an invitation link, and the
 * invited student sets a password and is signed in; then the instructor gives that student
 * a later deadline and the student's task page says so.
 */
import { expect, test } from "@playwright/test";
import { localDate, signInInstructor, uniqueEmail } from "./helpers";

/** Excel's "CSV (separado por vírgulas)" in Portuguese: semicolons, Windows-1252 (ç is 0xE7, ã is 0xE3). */
function excelCsv(lines: string[]): Buffer {
  return Buffer.from(lines.join("\r\n") + "\r\n", "latin1");
}

test("an instructor imports a roster; an invited student sets a password; an extension shows on the student's task page", async ({ browser }) => {
  test.setTimeout(240_000);
  const joana = uniqueEmail("joana");
  const tomas = uniqueEmail("tomas");
  const prof = await (await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] })).newPage();
  await signInInstructor(prof);
  await prof.getByRole("link", { name: "Estudantes e convites" }).click();
  await expect(prof).toHaveURL(/\/instructor\/roster$/);

  // Upload, preview: the bad line is shown with its reason, the good ones with what happens.
  await prof.getByLabel("Arquivo CSV").setInputFiles({
    name: "turma.csv",
    mimeType: "text/csv",
    buffer: excelCsv(["Nome;E-mail", `Joana Conceição;${joana}`, "Sem Arroba;sem-arroba.example.com", `Tomás Simões;${tomas}`]),
  });
  await prof.getByRole("button", { name: "Pré-visualizar" }).click();
  const preview = prof.getByTestId("roster-preview");
  await expect(preview).toContainText("Lido como Windows-1252 (Excel), colunas separadas por ponto e vírgula.");
  await expect(preview.getByTestId("roster-row-bad")).toHaveCount(1);
  await expect(preview.getByTestId("roster-row-bad")).toContainText("E-mail inválido.");
  await expect(preview.getByTestId("roster-row-ok")).toHaveCount(2);
  await expect(preview.getByTestId("roster-row-ok").first()).toContainText("Joana Conceição");
  await expect(preview.getByTestId("roster-row-ok").first()).toContainText("Nova conta, recebe um link de convite");

  // Confirm: two accounts, two links; copy Joana's.
  await prof.getByRole("button", { name: "Importar 2 estudantes" }).click();
  const done = prof.getByTestId("roster-done");
  await expect(done.getByRole("status").first()).toContainText("Importação concluída: 2 contas criadas com convite");
  await expect(done).toContainText("E-mail desligado");
  const link = done.getByLabel("Link de convite de Joana Conceição");
  await expect(link).toHaveValue(/\/convite\/[A-Za-z0-9_-]{43}$/);
  await done.getByRole("listitem").filter({ hasText: "Joana Conceição" }).getByRole("button", { name: "Copiar link" }).click();
  await expect(done.getByText("Link copiado.")).toBeVisible();
  const copied = await prof.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await link.inputValue());
  // The course list shows her invitation pending.
  await expect(prof.getByTestId("roster").getByRole("row").filter({ hasText: joana })).toContainText("convite pendente");

  // Before she accepts, no password opens her account.
  const student = await (await browser.newContext()).newPage();
  await student.goto("/login");
  await student.getByLabel("E-mail").fill(joana);
  await student.getByLabel("Senha").fill("senha-da-joana-1");
  await student.getByRole("button", { name: "Entrar" }).click();
  await expect(student.getByRole("alert").filter({ hasText: /\S/ })).toContainText("E-mail ou senha incorretos.");

  // The link: she sets a password and lands signed in on the tasks of the course she was
  // invited to (the instructor's current course, the demo one).
  await student.goto(copied);
  await expect(student.getByText(`Olá, Joana Conceição! Crie a senha da sua conta no Treino (${joana}).`)).toBeVisible();
  await student.getByLabel("Senha (mínimo 8 caracteres)").fill("senha-da-joana-1");
  await student.getByRole("button", { name: "Criar senha e entrar" }).click();
  await expect(student).toHaveURL(/\/tasks#course-[^/#]+$/);
  await expect(student.getByTestId("user-name")).toHaveText("Joana Conceição");
  const courseId = decodeURIComponent(new URL(student.url()).hash.slice("#course-".length));
  await expect(student.getByTestId("course-tasks")).toHaveCount(1);
  await expect(student.locator(`#course-${courseId}`)).toBeVisible();
  // The link is spent.
  await student.goto(copied);
  await expect(student.getByTestId("invitation-state")).toContainText("Este link já foi usado.");

  // An extension on imdb-sentiment: the task gets a deadline, Joana a later one of her own.
  await prof.goto("/instructor/tasks/imdb-sentiment");
  await prof.getByLabel("Prazo", { exact: true }).fill(localDate(3));
  await prof.getByRole("button", { name: "Salvar regras" }).click();
  await expect(prof.getByRole("status").filter({ hasText: "Regras salvas" })).toBeVisible();
  try {
    await prof.goto("/instructor/roster");
    await prof.getByTestId("roster").getByRole("link", { name: "Joana Conceição" }).click();
    await expect(prof).toHaveURL(/\/instructor\/students\//);
    const form = prof.getByTestId("exception-form");
    // Each task is offered with its class deadline: "Sentimento de resenhas do IMDb com LSTM (prazo: ...)".
    const imdb = form.getByRole("option", { name: /^Sentimento de resenhas do IMDb com LSTM \(prazo: / });
    await form.getByLabel("Tarefa").selectOption((await imdb.getAttribute("value"))!);
    await form.getByLabel("Prazo individual").fill(localDate(10));
    await form.getByRole("button", { name: "Conceder exceção" }).click();
    await expect(form.getByRole("status")).toContainText("Exceção concedida.");
    const row = prof.getByTestId("exceptions").getByRole("row").filter({ hasText: "Sentimento de resenhas do IMDb" });
    await expect(row).toContainText("prazo até");
    await expect(row).toContainText("concedida por Professora Demo");
    await expect(row).toContainText("em vigor");

    const due = new Date(`${localDate(10)}:00`);
    const shown = new Intl.DateTimeFormat("pt-BR", { dateStyle: "medium", timeStyle: "short" }).format(due);
    await student.goto(`/courses/${courseId}/tasks/imdb-sentiment`);
    await expect(student.getByTestId("extended-due")).toHaveText(`Você tem prazo estendido até ${shown}.`);

    // Revoked, it no longer shows.
    await row.getByRole("button", { name: "Revogar" }).click();
    await expect(row).toContainText("revogada por Professora Demo");
    await student.reload();
    await expect(student.getByTestId("extended-due")).toHaveCount(0);
    await expect(student.getByTestId("allowance")).toContainText("Prazo:");
  } finally {
    // Leave the shared server's task as it was for the other spec files.
    await prof.goto("/instructor/tasks/imdb-sentiment");
    await prof.getByLabel("Prazo", { exact: true }).fill("");
    await prof.getByRole("button", { name: "Salvar regras" }).click();
    await expect(prof.getByRole("status").filter({ hasText: "Regras salvas" })).toBeVisible();
  }
});
