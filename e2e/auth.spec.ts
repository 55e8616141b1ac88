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

test("repeated failed logins slow that address down, never the account from elsewhere", async ({ page }) => {
  const email = await registerStudent(page, "Julia");
  await page.goto("/sair");
  await page.getByRole("main").getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/login$/);
  const login = async (password: string) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Senha").fill(password);
    await page.getByRole("button", { name: "Entrar" }).click();
  };
  // The failures come from one address, as a reverse proxy reports it (e2e-server.sh trusts
  // loopback as a proxy; without that the server would count the connection's address).
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.50" });
  for (let i = 0; i < 3; i++) {
    await login("wrong-password");
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("incorretos");
  }
  // The free failures are used up: from that address even the right password must wait,
  // and the page says how long (e2e-server.sh makes the first wait 10 minutes).
  await login("senha-segura-123");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toContainText("Muitas tentativas");
  await expect(alert).toContainText(/Espere \d+ min/);
  // Julia, from another address, is not slowed down by what happened at the first.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.50" });
  await login("senha-segura-123");
  await expect(page).toHaveURL(/\/tasks$/);
});
