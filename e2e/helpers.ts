import { expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

export const JOIN_CODE = "E2E-JOIN-2026";
export const exercise = (slug: string, file: string) => fs.readFileSync(path.join(__dirname, "..", "exercises", slug, file), "utf8");

let counter = 0;
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${counter++}@example.com`;
}

export async function registerStudent(page: Page, name: string, email = uniqueEmail(name.toLowerCase())) {
  await page.goto("/register");
  await page.getByLabel("Nome").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/Senha/).fill("senha-segura-123");
  await page.getByLabel("Código da turma").fill(JOIN_CODE);
  await page.getByRole("button", { name: "Criar conta" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  return email;
}

/** Replaces the editor's content (CodeMirror's contenteditable). */
export async function setEditorCode(page: Page, code: string) {
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await editor.fill(code);
}

/** The demo accounts `scripts/setup.ts` wrote for the throwaway server. */
export const demo = () =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", ".data", "e2e", "demo-accounts.json"), "utf8")) as { instructor: { email: string; password: string } };

/** Signs in as the demo instructor, who lands on the class overview. */
export async function signInInstructor(page: Page) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(demo().instructor.email);
  await page.getByLabel("Senha").fill(demo().instructor.password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/instructor$/);
}

/** Hands in code for next-number from the editor and waits for its verdict. */
export async function submitNextNumber(page: Page, code: string) {
  await page.goto("/tasks/next-number");
  await setEditorCode(page, code);
  await page.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(page).toHaveURL(/\/submissions\//);
  await expect(page.getByTestId("verdict")).toBeVisible({ timeout: 150_000 });
}

/** A datetime-local value `days` from now at 18:00, in the browser's (and server's) time zone. */
export function localDate(days: number): string {
  const d = new Date(Date.now() + days * 24 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T18:00`;
}
