/**
 * Two web hosts on one PostgreSQL (issue 15): a student hands in through host A, and watches
 * the grading arrive live on host B, whose process never saw the hand-in and runs no worker.
 * The session made on A works on B (the same secret), and so does a login on B.
 */
import { expect, test } from "@playwright/test";
import { HOST_A, HOST_B } from "../../playwright.two-hosts.config";
import { exercise, registerStudent, setEditorCode } from "../helpers";

const A = `http://127.0.0.1:${HOST_A}`;
const B = `http://127.0.0.1:${HOST_B}`;
const header = "export function buildModel(windowSize: number): tf.LayersModel {";
/** The sine-forecast reference pausing 4 s while it builds: long enough to watch it run. */
function slowReference(): string {
  const reference = exercise("sine-forecast", "solution.ts");
  expect(reference).toContain(header);
  return reference.replace(header, "export async function buildModel(windowSize: number): Promise<tf.LayersModel> {\n  await new Promise((resolve) => setTimeout(resolve, 4000));");
}

test("a student submits through one host and watches the result arrive through the other", async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ baseURL: A });
  const onA = await context.newPage();
  const email = await registerStudent(onA, "Dora");

  // Hand in on host A.
  await onA.goto(`${A}/tasks/sine-forecast`);
  await expect(onA).toHaveURL(/\/courses\/[^/]+\/tasks\/sine-forecast$/);
  await setEditorCode(onA, slowReference());
  await onA.getByRole("button", { name: "Enviar para correção" }).click();
  await expect(onA).toHaveURL(/\/submissions\/[^/]+$/);
  const submission = new URL(onA.url()).pathname;
  await onA.close();

  // Watch it on host B with the session host A made: it runs, then the verdict arrives, with
  // no reload (B's live feed reads the shared database).
  const onB = await context.newPage();
  const loads: string[] = [];
  onB.on("request", (r) => r.isNavigationRequest() && loads.push(r.url()));
  await onB.goto(`${B}${submission}`);
  await expect(onB).toHaveURL(`${B}${submission}`);
  await expect(onB.getByTestId("user-name")).toHaveText("Dora");
  loads.length = 0;
  await expect(onB.getByTestId("running")).toBeVisible({ timeout: 60_000 });
  await expect(onB.getByTestId("verdict")).toContainText("Aprovada", { timeout: 180_000 });
  expect(loads).toEqual([]);

  // A login on host B works for the same account, and B's API gives what A's gives.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto(`${B}/login`);
  await elsewhere.getByLabel("E-mail").fill(email);
  await elsewhere.getByLabel("Senha").fill("senha-segura-123");
  await elsewhere.getByRole("button", { name: "Entrar" }).click();
  await expect(elsewhere).toHaveURL(/\/tasks$/);
  const id = submission.split("/").pop();
  const fromB = await (await elsewhere.request.get(`${B}/api/submissions/${id}`)).json();
  const fromA = await (await context.request.get(`${A}/api/submissions/${id}`)).json();
  expect(fromB.status).toBe("graded");
  expect(fromB).toEqual(fromA);
});
