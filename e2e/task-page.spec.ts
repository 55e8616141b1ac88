/**
 * The task page's editor and the small things around it, in Debian's Chromium: drafts survive
 * a reload, going back to the starter asks first, a chosen file says it wins, our own sign-out
 * page, a join code typed in any case, and no sideways scrolling on a phone.
 */
import { expect, test, type Page } from "@playwright/test";
import { JOIN_CODE, registerStudent, setEditorCode, signInInstructor, uniqueEmail } from "./helpers";

const TASKS = ["sine-forecast", "next-number", "imdb-sentiment"];

async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${where}: page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

test("a draft is saved in the browser and restored after a reload", async ({ page }) => {
  await registerStudent(page, "Rita");
  await page.goto("/tasks/sine-forecast");
  await expect(page.locator(".cm-content")).toContainText("export function makeWindows");
  await setEditorCode(page, "// rascunho da Rita\nexport const windowSize = 24;\n");
  await expect(page.getByTestId("draft-status")).toHaveText("Rascunho salvo neste navegador");
  await page.reload();
  await expect(page.locator(".cm-content")).toContainText("rascunho da Rita");
  await expect(page.locator(".cm-content")).not.toContainText("export function makeWindows");
  await expect(page.getByTestId("draft-status")).toHaveText("Rascunho restaurado deste navegador");
  // Another task's editor is untouched by this draft.
  await page.goto("/tasks/next-number");
  await expect(page.locator(".cm-content")).not.toContainText("rascunho da Rita");
});

test("going back to the starter asks first, says what is lost, and Cancel keeps the code", async ({ page }) => {
  await registerStudent(page, "Sergio");
  await page.goto("/tasks/sine-forecast");
  await setEditorCode(page, "// linha 1\n// linha 2\n// linha 3");
  await page.getByRole("button", { name: "Voltar ao código inicial" }).click();
  const dialog = page.getByRole("dialog", { name: "Voltar ao código inicial?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("O código do editor (3 linhas) será substituído");
  await dialog.getByRole("button", { name: "Cancelar" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".cm-content")).toContainText("// linha 2");

  await page.getByRole("button", { name: "Voltar ao código inicial" }).click();
  await dialog.getByRole("button", { name: "Substituir pelo código inicial" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".cm-content")).toContainText("export function makeWindows");
  await expect(page.locator(".cm-content")).not.toContainText("// linha 2");
  // The draft went with it: a reload shows the starter too.
  await page.reload();
  await expect(page.locator(".cm-content")).toContainText("export function makeWindows");
  await expect(page.locator(".cm-content")).not.toContainText("// linha 2");
});

test("a chosen file says it will be sent instead of the editor, and can be removed", async ({ page }) => {
  await registerStudent(page, "Tania");
  await page.goto("/tasks/next-number");
  await page.getByLabel("ou envie um arquivo .ts").setInputFiles({ name: "minha-solucao.ts", mimeType: "text/typescript", buffer: Buffer.from("export const x = 1;\n") });
  await expect(page.getByTestId("file-notice")).toHaveText(/Será enviado: arquivo minha-solucao\.ts \(o editor será ignorado\)\./);
  await page.getByRole("button", { name: "Remover arquivo" }).click();
  await expect(page.getByTestId("file-notice")).toBeHidden();
  await expect(page.getByLabel("ou envie um arquivo .ts")).toHaveValue("");
});

test("signing out goes through our own page, in the interface language, and lands on /login", async ({ page, context, baseURL }) => {
  await registerStudent(page, "Ulisses");
  // next-auth's own page is never shown: its address leads to ours.
  await page.goto("/api/auth/signout");
  await expect(page).toHaveURL(/\/sair$/);
  await expect(page.getByRole("heading", { name: "Sair do Treino" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Você está conectado como Ulisses.");

  await context.addCookies([{ name: "treino-locale", value: "en", url: baseURL! }]);
  await page.goto("/tasks");
  await page.getByRole("navigation").getByRole("link", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sair$/);
  await expect(page.getByRole("heading", { name: "Sign out of Treino" })).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("user-name")).toHaveCount(0);
  // Really signed out: a private page sends us back to the login.
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login/);
});

test("the join code is accepted in any case and with spaces around it", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Nome").fill("Vera");
  await page.getByLabel("E-mail").fill(uniqueEmail("vera"));
  await page.getByLabel(/Senha/).fill("senha-segura-123");
  await page.getByLabel("Código da turma").fill(`  ${JOIN_CODE.toLowerCase()} `);
  await page.getByRole("button", { name: "Criar conta" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("link", { name: "Previsão de uma senoide com LSTM" })).toBeVisible();
});

test("at phone width (390 px) no page scrolls sideways, in both languages", async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await registerStudent(page, "Wanda");
  for (const locale of ["pt-BR", "en"]) {
    await context.addCookies([{ name: "treino-locale", value: locale, url: baseURL! }]);
    await page.goto("/tasks");
    await expectNoSidewaysScroll(page, `/tasks (${locale})`);
    for (const slug of TASKS) {
      await page.goto(`/tasks/${slug}`);
      await expect(page.locator(".cm-content")).toBeVisible();
      await expectNoSidewaysScroll(page, `/tasks/${slug} (${locale})`);
    }
  }
  // The statement's tables scroll inside their own box, which stays inside the card.
  await page.goto("/tasks/sine-forecast");
  const card = await page.getByRole("article").boundingBox();
  for (const box of await page.locator(".statement-table").all()) {
    const b = (await box.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(card!.x + card!.width);
  }
});

test("after the deadline, with no late work taken, the submit button is off and says why", async ({ browser }) => {
  const prof = await browser.newPage();
  await signInInstructor(prof);
  const setDue = async (value: string) => {
    await prof.goto("/instructor/tasks/imdb-sentiment");
    await prof.getByLabel("Prazo", { exact: true }).fill(value);
    await prof.getByRole("button", { name: "Salvar regras" }).click();
    await expect(prof.getByRole("status")).toContainText("Regras salvas");
  };
  await setDue("2020-01-10T18:00");
  try {
    const page = await browser.newPage();
    await registerStudent(page, "Xavier");
    await page.goto("/tasks/imdb-sentiment");
    const button = page.getByRole("button", { name: "Enviar para correção" });
    await expect(button).toBeDisabled();
    await expect(page.getByTestId("submit-refusal")).toContainText("Envios encerrados: o prazo acabou em");
    await expect(page.getByTestId("submit-refusal")).toContainText("2020");
    // The other tasks are unaffected.
    await page.goto("/tasks/next-number");
    await expect(page.getByRole("button", { name: "Enviar para correção" })).toBeEnabled();
    await expect(page.getByTestId("submit-refusal")).toHaveCount(0);
  } finally {
    await setDue(""); // leave the shared server's task as it was for the other spec files
  }
});
