import { expect, test } from "@playwright/test";
import { JOIN_CODE, registerStudent, uniqueEmail } from "./helpers";

test("pages and APIs require a session", async ({ page, request }) => {
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login/);
  expect((await request.get("/api/submissions/anything")).status()).toBe(401);
  expect((await request.post("/api/submissions", { multipart: { taskId: "x", code: "y" } })).status()).toBe(401);
});

test("registration needs the course's join code", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Nome").fill("Ivo");
  await page.getByLabel("E-mail").fill(uniqueEmail("ivo"));
  await page.getByLabel(/Senha/).fill("senha-segura-123");
  await page.getByLabel("Código da turma").fill(`${JOIN_CODE}-WRONG`);
  await page.getByRole("button", { name: "Criar conta" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Código da turma desconhecido");
});

test("repeated failed logins are rate-limited", async ({ page }) => {
  const email = await registerStudent(page, "Julia");
  await page.goto("/api/auth/signout");
  await page.getByRole("button").click();
  for (let i = 0; i < 3; i++) {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Senha").fill("wrong-password");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("incorretos");
  }
  // Now even the right password is refused until the window passes.
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill("senha-segura-123");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Muitas tentativas");
});
