/**
 * Issue 14's whole path, as a new instructor would take it, in a course of its own: the demo
 * instructor creates a course for the next term by cloning the first, imports its roster
 * (UTF-8 CSV), gives one student a later deadline, and the invited students set their
 * passwords and hand in. Two of them hand in the same solution with every variable renamed;
 * two others write their own on top of the task's starter. The similarity report puts the
 * renamed pair at the top, above every pair whose likeness is the shared starter code.
 */
import { expect, test, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import { exercise, localDate, setEditorCode, signInInstructor, uniqueEmail } from "./helpers";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "tests", "fixtures", "similarity", `${name}.ts`), "utf8");
const stamp = Date.now().toString(36);
const COURSE = `Redes Recorrentes ${stamp}`;

/** The invited student's first visit: a password from the link, then the course's task list. */
async function acceptInvitation(page: Page, link: string, name: string): Promise<string> {
  await page.goto(link);
  await expect(page.getByText(new RegExp(`^Olá, ${name}!`))).toBeVisible();
  await page.getByLabel("Senha (mínimo 8 caracteres)").fill(`senha-de-${name.toLowerCase()}-1`);
  await page.getByRole("button", { name: "Criar senha e entrar" }).click();
  await expect(page).toHaveURL(/\/tasks#course-[^/#]+$/);
  await expect(page.getByTestId("user-name")).toHaveText(name);
  return decodeURIComponent(new URL(page.url()).hash.slice("#course-".length));
}

/** Hands in next-number in the given course from the editor, without waiting for the grade. */
async function handIn(page: Page, courseId: string, code: string) {
  await page.goto(`/courses/${courseId}/tasks/next-number`);
  await expect(page.getByTestId("task-course")).toContainText(COURSE);
  await setEditorCode(page, code);
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page).toHaveURL(/\/submissions\//);
}

test("a new term: clone the course, import the roster, extend one deadline, and find the renamed copy at the top of the similarity report", async ({ browser }) => {
  test.setTimeout(300_000);
  const prof = await browser.newPage();
  await signInInstructor(prof);
  const firstTitle = (await prof.getByRole("heading", { level: 1 }).innerText()).replace(/^Painel da turma: /, "").split(" · ")[0];

  // 1. A second course, cloned from the first: its tasks come across, it becomes current.
  await prof.goto("/instructor/courses");
  await prof.getByLabel("Nome da turma").fill(COURSE);
  await prof.getByLabel("Período (ex.: 2026.2)").fill("2027.1");
  const source = prof.getByLabel("Copiar tarefas e regras de");
  await source.selectOption((await source.locator("option", { hasText: firstTitle }).first().getAttribute("value"))!);
  await prof.getByRole("button", { name: "Criar turma" }).click();
  await expect(prof).toHaveURL(/\/instructor\/course$/);
  await expect(prof.getByRole("heading", { level: 1 })).toContainText(`${COURSE} · 2027.1`);
  await expect(prof.getByTestId("course-switcher").locator("summary")).toContainText(COURSE);

  // 2. The roster, from a spreadsheet's CSV: four students, each with an invitation link.
  const students = ["Iara", "Joel", "Kaio", "Luna"].map((name) => ({ name: `${name} Souza`, email: uniqueEmail(name.toLowerCase()) }));
  await prof.goto("/instructor/roster");
  await expect(prof.getByRole("heading", { level: 1 })).toContainText(COURSE);
  await prof.getByLabel("Arquivo CSV").setInputFiles({
    name: "turma-2027-1.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["nome,email", ...students.map((s) => `${s.name},${s.email}`)].join("\n") + "\n", "utf8"),
  });
  await prof.getByRole("button", { name: "Pré-visualizar" }).click();
  await expect(prof.getByTestId("roster-preview").getByTestId("roster-row-ok")).toHaveCount(4);
  await prof.getByRole("button", { name: "Importar 4 estudantes" }).click();
  const done = prof.getByTestId("roster-done");
  await expect(done.getByRole("status").first()).toContainText("Importação concluída: 4 contas criadas com convite");
  const links = new Map<string, string>();
  for (const s of students) links.set(s.name, await done.getByLabel(`Link de convite de ${s.name}`).inputValue());

  // 3. The task gets a deadline; Luna gets a later one of her own.
  const [iara, joel, kaio, luna] = students;
  await prof.goto("/instructor/tasks/next-number");
  await prof.getByLabel("Prazo", { exact: true }).fill(localDate(3));
  await prof.getByRole("button", { name: "Salvar regras" }).click();
  await expect(prof.getByRole("status").filter({ hasText: "Regras salvas" })).toBeVisible();
  await prof.goto("/instructor/roster");
  await prof.getByTestId("roster").getByRole("link", { name: luna.name }).click();
  const form = prof.getByTestId("exception-form");
  const task = form.getByRole("option", { name: /^Próximo número: SimpleRNN contra LSTM \(prazo: / });
  await form.getByLabel("Tarefa").selectOption((await task.getAttribute("value"))!);
  await form.getByLabel("Prazo individual").fill(localDate(10));
  await form.getByRole("button", { name: "Conceder exceção" }).click();
  await expect(form.getByRole("status")).toContainText("Exceção concedida.");
  await expect(prof.getByTestId("exceptions").getByRole("row").filter({ hasText: "Próximo número" })).toContainText("concedida por Professora Demo");

  // 4. The students accept their invitations and hand in: Iara's solution, Joel's copy of it
  //    with every name changed, Kaio's and Luna's own, both written over the starter.
  const code = new Map([
    [iara.name, fixture("original")],
    [joel.name, fixture("renamed")],
    [kaio.name, fixture("functional")],
    [luna.name, fixture("shared-builder")],
  ]);
  const starterHead = exercise("next-number", "starter.ts").split("\n").slice(0, 7).join("\n");
  for (const s of [kaio, luna]) expect(code.get(s.name)!.startsWith(starterHead)).toBe(true);
  let courseId = "";
  for (const s of students) {
    const page = await (await browser.newContext()).newPage();
    courseId = await acceptInvitation(page, links.get(s.name)!, s.name);
    if (s === luna) {
      await page.goto(`/courses/${courseId}/tasks/next-number`);
      const shown = new Intl.DateTimeFormat("pt-BR", { dateStyle: "medium", timeStyle: "short" }).format(new Date(`${localDate(10)}:00`));
      await expect(page.getByTestId("extended-due")).toHaveText(`Você tem prazo estendido até ${shown}.`);
    }
    await handIn(page, courseId, code.get(s.name)!);
  }

  // 5. The similarity report of the new course, every pair shown (threshold 0).
  await prof.goto("/instructor/tasks/next-number");
  await prof.getByRole("link", { name: "Similaridade" }).click();
  await expect(prof.getByTestId("similarity-course")).toContainText(COURSE);
  await prof.getByLabel("Mostrar pares a partir de (%)").fill("0");
  await prof.getByRole("button", { name: "Aplicar" }).click();
  await expect(prof).toHaveURL(/min=0/);
  const table = prof.getByTestId("similarity-pairs");
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(prof.getByTestId("analysis-status")).toHaveCount(0);
  await expect(prof.getByTestId("analysed")).toContainText("4 envios comparados (6 pares)");

  const rows = await table.getByTestId("similarity-pair").all();
  const pairs = await Promise.all(
    rows.map(async (row) => ({ text: await row.innerText(), percent: Number(/(\d+)\s*%/.exec(await row.getByTestId("pair-similarity").innerText())![1]) })),
  );
  // Only this course's four students, and the renamed copy first, scored as a copy.
  for (const p of pairs) expect(p.text).toMatch(/(Iara|Joel|Kaio|Luna) Souza[\s\S]*(Iara|Joel|Kaio|Luna) Souza/);
  expect(pairs[0].text).toContain(iara.name);
  expect(pairs[0].text).toContain(joel.name);
  expect(pairs[0].percent).toBeGreaterThanOrEqual(95);
  // Below it, every pair that shares the starter's code (all four kept it whole), far below the
  // copy: the starter is ignored. Kaio's and Luna's programs have nothing else in common, so
  // their pair scores 0 and is not listed even from 0 %.
  for (const p of pairs.slice(1)) expect(p.percent).toBeLessThan(50);
  expect(pairs.some((p) => p.text.includes(kaio.name) && p.text.includes(luna.name))).toBe(false);
  expect(pairs.some((p) => p.text.includes(kaio.name))).toBe(true);
  expect(pairs.some((p) => p.text.includes(luna.name))).toBe(true);
});
