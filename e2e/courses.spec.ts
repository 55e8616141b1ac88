/**
 * Several courses: the demo instructor creates a second course by cloning the first, sets a
 * rule there and clones that course again (the rule comes across), switches between courses
 * in the header, and archives one; a student joins two courses and sees each one's tasks apart.
 * The demo course itself is never archived or changed: other spec files share this server.
 */
import { expect, test, type Page } from "@playwright/test";
import { JOIN_CODE, registerStudent, signInInstructor } from "./helpers";

const stamp = Date.now().toString(36);
const SECOND = `Turma E2E ${stamp}`;
const THIRD = `Turma E2E clonada ${stamp}`;

/** Creates a course from /instructor/courses, cloning `from` (its label in the list), and lands on its settings. */
async function createCourse(prof: Page, title: string, term: string, from: RegExp) {
  await prof.goto("/instructor/courses");
  await prof.getByLabel("Nome da turma").fill(title);
  await prof.getByLabel("Período (ex.: 2026.2)").fill(term);
  const source = prof.getByLabel("Copiar tarefas e regras de");
  const value = await source.locator("option", { hasText: from }).first().getAttribute("value");
  await source.selectOption(value!);
  await prof.getByRole("button", { name: "Criar turma" }).click();
  await expect(prof).toHaveURL(/\/instructor\/course$/);
  await expect(prof.getByRole("heading", { level: 1 })).toContainText(`${title} · ${term}`);
  return (await prof.getByTestId("join-code").innerText()).trim();
}

/** Chooses a course in the header's switcher, and waits until it is the current one. */
async function switchTo(prof: Page, label: RegExp) {
  const switcher = prof.getByTestId("course-switcher");
  await switcher.locator("summary").click();
  await switcher.getByRole("button", { name: label }).click();
  await expect(switcher.locator("summary")).toContainText(label);
}

test("an instructor creates and clones courses, switches between them and archives one; a student joins two", async ({ browser }) => {
  const prof = await browser.newPage();
  await signInInstructor(prof);
  const first = (await prof.getByRole("heading", { level: 1 }).innerText()).replace(/^Painel da turma: /, "");
  const firstTitle = first.split(" · ")[0];

  // A second course, cloned from the first: the same tasks, a join code of its own.
  const secondCode = await createCourse(prof, SECOND, "2027.1", new RegExp(firstTitle));
  expect(secondCode).not.toBe(JOIN_CODE);
  await expect(prof.getByTestId("course-switcher").locator("summary")).toContainText(SECOND);
  await prof.goto("/instructor");
  await expect(prof.getByRole("link", { name: "Próximo número: SimpleRNN contra LSTM" })).toBeVisible();

  // A rule set in the second course...
  await prof.goto("/instructor/tasks/next-number");
  await prof.getByLabel("Envios por 24 horas (vazio: sem limite)").fill("3");
  await prof.getByLabel("Estudantes veem a classificação").check();
  await prof.getByRole("button", { name: "Salvar regras" }).click();
  await expect(prof.getByRole("status")).toContainText("Regras salvas");

  // ...comes across to its clone, which becomes current.
  const thirdCode = await createCourse(prof, THIRD, "2027.2", new RegExp(SECOND));
  await prof.goto("/instructor/tasks/next-number");
  await expect(prof.getByLabel("Envios por 24 horas (vazio: sem limite)")).toHaveValue("3");
  await expect(prof.getByLabel("Estudantes veem a classificação")).toBeChecked();

  // Switching: each course's overview, the same page kind kept (the gradebook stays the gradebook).
  await prof.goto("/instructor/gradebook");
  await switchTo(prof, new RegExp(firstTitle));
  await expect(prof).toHaveURL(/\/instructor\/gradebook$/);
  await expect(prof.getByRole("heading", { level: 1 })).toContainText(firstTitle);
  await prof.goto("/instructor/tasks/next-number");
  await expect(prof.getByLabel("Envios por 24 horas (vazio: sem limite)")).not.toHaveValue("3");
  await switchTo(prof, new RegExp(SECOND));
  await prof.goto("/instructor");
  await expect(prof.getByRole("heading", { level: 1 })).toContainText(SECOND);

  // Archiving the second course: read-only, and out of the way in the switcher.
  await prof.goto("/instructor/course");
  await prof.getByRole("button", { name: "Arquivar turma" }).click();
  await expect(prof.getByTestId("archived-banner")).toBeVisible();
  await prof.goto("/instructor/tasks/next-number");
  await expect(prof.getByRole("button", { name: "Salvar regras" })).toBeDisabled();
  await prof.getByTestId("course-switcher").locator("summary").click();
  await expect(prof.getByTestId("archived-courses")).toContainText(SECOND);
  await prof.getByTestId("course-switcher").locator("summary").click();
  await switchTo(prof, new RegExp(THIRD));
  // Still the task's page, now the third course's: editable, with the cloned rule.
  await expect(prof).toHaveURL(/\/instructor\/tasks\/next-number$/);
  await expect(prof.getByRole("button", { name: "Salvar regras" })).toBeEnabled();
  await expect(prof.getByLabel("Envios por 24 horas (vazio: sem limite)")).toHaveValue("3");

  // A student of the first course joins the third from the task list: two courses, each with its tasks.
  const student = await browser.newPage();
  await registerStudent(student, "Lia");
  await expect(student.getByTestId("course-tasks")).toHaveCount(1);
  await student.getByLabel("Código da turma").fill(thirdCode.toLowerCase());
  await student.getByRole("button", { name: "Entrar na turma" }).click();
  await expect(student.getByTestId("join-status")).toHaveText("Pronto: você entrou na turma.");
  const courses = student.getByTestId("course-tasks");
  await expect(courses).toHaveCount(2);
  const third = courses.filter({ hasText: THIRD });
  const firstCourse = courses.filter({ hasText: firstTitle }).filter({ hasNotText: THIRD });
  for (const course of [third, firstCourse]) {
    await expect(course.getByRole("link")).toHaveCount(3);
    await expect(course.getByRole("link", { name: "Próximo número: SimpleRNN contra LSTM" })).toBeVisible();
  }
  const hrefs = [await third.getByRole("link", { name: /Próximo número/ }).getAttribute("href"), await firstCourse.getByRole("link", { name: /Próximo número/ }).getAttribute("href")];
  expect(hrefs[0]).not.toBe(hrefs[1]);
  // The third course's task carries the rule cloned into it.
  await third.getByRole("link", { name: /Próximo número/ }).click();
  await expect(student.getByTestId("task-course")).toContainText(THIRD);
  await expect(student.getByTestId("allowance")).toContainText("Restam 3 de 3 envios");
  // An old link is now ambiguous: the student chooses the course.
  await student.goto("/tasks/next-number");
  await expect(student.getByTestId("choose-course").getByRole("link")).toHaveCount(2);
  // The archived course takes no one new.
  await student.goto("/profile");
  await student.getByLabel("Código da turma").fill(secondCode);
  await student.getByRole("button", { name: "Entrar na turma" }).click();
  await expect(student.getByTestId("join-status")).toHaveText("Essa turma está arquivada e não aceita novos estudantes.");
  await expect(student.getByTestId("my-courses").getByRole("listitem")).toHaveCount(2);
});
